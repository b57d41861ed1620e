import { useId } from 'react';

export interface BarRow {
  label: string;
  value: number;
  /** What the row says in words (the bar only repeats it). */
  valueText: string;
}

/**
 * A horizontal bar chart drawn as a table: every bar has its label and value
 * in text beside it, so it reads without colour and to a screen reader.
 */
export function MetricsBarChart({
  title,
  description,
  rows,
  labelHeading,
  valueHeading,
}: {
  title: string;
  description: string;
  rows: BarRow[];
  labelHeading: string;
  valueHeading: string;
}) {
  const descriptionId = useId();
  const max = Math.max(0, ...rows.map((r) => r.value));
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
                <span className="visually-hidden">Bar</span>
              </th>
              <th scope="col" className="chart__value">
                {valueHeading}
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
                      className="chart__bar"
                      style={{ width: `${max > 0 ? (100 * row.value) / max : 0}%` }}
                    />
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
