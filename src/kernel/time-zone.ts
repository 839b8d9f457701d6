/** IANA time zone names this runtime knows (`Asia/Shanghai`, `America/New_York`, `UTC`). */
const TIME_ZONES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export function isTimeZone(value: string): boolean {
  return TIME_ZONES.has(value);
}
