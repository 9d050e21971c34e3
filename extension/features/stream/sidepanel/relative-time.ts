const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60]
]

const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" })

export function relativeTime(unixSec: number, nowSec: number = Date.now() / 1000): string {
  const delta = Math.round(unixSec - nowSec)
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.trunc(delta / size), unit)
  }
  return "just now"
}
