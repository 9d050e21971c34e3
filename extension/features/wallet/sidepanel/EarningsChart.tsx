import { useId } from "react"

import { earningsBars, earningsSummary } from "./wallet-format"

const W = 320
const H = 110
const PAD_BOTTOM = 18

/** Earnings per UTC day as a hand-drawn SVG bar chart, with a text summary and a table for screen readers. */
export function EarningsChart({ days, today }: { days: { day: string; total: string }[]; today: string }) {
  const id = useId()
  const bars = earningsBars(days, today, 14)
  const summary = earningsSummary(bars)
  const slot = W / bars.length
  const barW = Math.max(4, slot - 6)
  return (
    <figure className="earnings-chart" data-testid="earnings-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-bars={bars.length}>
        <title id={`${id}-t`}>Earnings per day, last {bars.length} days</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <line x1="0" x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} className="axis" />
        {bars.map((b, i) => {
          // Days without earnings keep a 2-unit stub, so the 14 days stay visible.
          const h = Math.max(2, b.ratio * (H - PAD_BOTTOM - 8))
          const x = i * slot + (slot - barW) / 2
          return (
            <g key={b.day}>
              <rect x={x} y={H - PAD_BOTTOM - h} width={barW} height={h} rx="2" className={b.ratio > 0 ? "bar" : "bar empty"} data-day={b.day} data-total={b.total}>
                <title>{`${b.day}: ${b.total} AMP`}</title>
              </rect>
              {i === 0 || i === bars.length - 1 || i === Math.floor(bars.length / 2) ? (
                <text x={i === 0 ? x : i === bars.length - 1 ? x + barW : x + barW / 2} y={H - 4} textAnchor={i === 0 ? "start" : i === bars.length - 1 ? "end" : "middle"} className="tick">
                  {b.day.slice(5)}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
      <figcaption data-testid="earnings-summary">{summary}</figcaption>
      <details className="earnings-table">
        <summary>Show as a table</summary>
        <table>
          <caption className="sr-only">Earnings per day</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Earned</th>
            </tr>
          </thead>
          <tbody>
            {bars
              .filter((b) => b.ratio > 0)
              .map((b) => (
                <tr key={b.day}>
                  <th scope="row">{b.day}</th>
                  <td>{b.total} AMP</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
