import { useId, type ReactNode } from 'react';

interface ChartRow {
  label: string;
  /** What the row says in words (the drawing only repeats it). */
  valueText: string;
}

export interface BarRow extends ChartRow {
  value: number;
}

export interface IntervalRow extends ChartRow {
  /** 0-1 */
  value: number;
  low: number;
  high: number;
}

interface ChartProps<Row extends ChartRow> {
  title: string;
  description: string;
  rows: Row[];
  labelHeading: string;
}

/**
 * A chart drawn as a table: every row has its label and value in text beside
 * its drawing (hidden from screen readers), so it reads without colour.
 */
function ChartTable<Row extends ChartRow>({
  title,
  description,
  rows,
  labelHeading,
  drawingHeading,
  valueHeading,
  draw,
}: ChartProps<Row> & { drawingHeading: string; valueHeading: string; draw(row: Row): ReactNode }) {
  const descriptionId = useId();
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
                <span className="visually-hidden">{drawingHeading}</span>
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
                  <div className="chart__track">{draw(row)}</div>
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

/** Horizontal bars, scaled to the largest value. */
export function MetricsBarChart(props: ChartProps<BarRow> & { valueHeading: string }) {
  const max = Math.max(0, ...props.rows.map((r) => r.value));
  return (
    <ChartTable
      {...props}
      drawingHeading="Bar"
      draw={(row) => (
        <div
          className="chart__bar"
          style={{ width: `${max > 0 ? (100 * row.value) / max : 0}%` }}
        />
      )}
    />
  );
}

const pct = (x: number) => `${Math.min(100, Math.max(0, x * 100))}%`;

/** Rates with their confidence intervals on a 0-100% axis. */
export function MetricsIntervalChart(props: ChartProps<IntervalRow>) {
  return (
    <ChartTable
      {...props}
      drawingHeading="Chart, 0 to 100%"
      valueHeading="Rate (95% interval)"
      draw={(row) => (
        <>
          <div
            className="chart__range"
            style={{ left: pct(row.low), width: pct(row.high - row.low) }}
          />
          <div className="chart__point" style={{ left: pct(row.value) }} />
        </>
      )}
    />
  );
}
