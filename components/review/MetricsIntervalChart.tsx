import { useId } from 'react';

export interface IntervalRow {
  label: string;
  /** 0-1 */
  value: number;
  low: number;
  high: number;
  valueText: string;
}

/** Rates with their confidence intervals on a 0-100% axis, as a table with the numbers in words. */
export function MetricsIntervalChart({
  title,
  description,
  rows,
  labelHeading,
}: {
  title: string;
  description: string;
  rows: IntervalRow[];
  labelHeading: string;
}) {
  const descriptionId = useId();
  const pct = (x: number) => `${Math.min(100, Math.max(0, x * 100))}%`;
  return (
    <figure className="chart" aria-describedby={descriptionId}>
      <figcaption>{title}</figcaption>
      <p id={descriptionId} className="chart__description">
        {description}
      </p>
      {rows.length === 0 ? (
        <p className="muted">Nothing to show.</p>
      ) : (
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col">
                <span className="visually-hidden">Chart, 0 to 100%</span>
              </th>
              <th scope="col" className="chart__value">
                Rate (95% interval)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td aria-hidden="true">
                  <div className="chart__track">
                    <div
                      className="chart__range"
                      style={{ left: pct(row.low), width: pct(row.high - row.low) }}
                    />
                    <div className="chart__point" style={{ left: pct(row.value) }} />
                  </div>
                </td>
                <td className="chart__value">{row.valueText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
