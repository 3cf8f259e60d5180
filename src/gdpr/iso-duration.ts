import { isoDurationPattern } from '../http/dto';

// Average lengths: a year or month has no fixed length, and comparing two retention periods only
// needs an order (P12M = P1Y, P1Y > P364D), not a calendar.
const dayLength = { Y: 365.2425, M: 30.436875, W: 7, D: 1, H: 1 / 24, TM: 1 / 1440, S: 1 / 86400 } as const;

/** An ISO 8601 duration (P7Y, P1Y6M, PT24H…) in average days; null if it is not one. */
export function durationInDays(duration: string): number | null {
  if (!isoDurationPattern.test(duration)) return null;
  const [date = '', time = ''] = duration.slice(1).split('T');
  let days = 0;
  for (const [, amount, unit] of date.matchAll(/(\d+)([YMWD])/g)) days += Number(amount) * dayLength[unit as 'Y' | 'M' | 'W' | 'D'];
  for (const [, amount, unit] of time.matchAll(/(\d+)([HMS])/g))
    days += Number(amount) * dayLength[unit === 'M' ? 'TM' : (unit as 'H' | 'S')];
  return days;
}

/** True when `a` is longer than `b`; false when either is not a duration. */
export function isLonger(a: string, b: string): boolean {
  const [left, right] = [durationInDays(a), durationInDays(b)];
  return left !== null && right !== null && left > right + 1e-9;
}

const units: [RegExp, string][] = [
  [/(\d+)Y/, 'year'],
  [/(\d+)M/, 'month'],
  [/(\d+)W/, 'week'],
  [/(\d+)D/, 'day'],
];
const timeUnits: [RegExp, string][] = [
  [/(\d+)H/, 'hour'],
  [/(\d+)M/, 'minute'],
  [/(\d+)S/, 'second'],
];

/** "P7Y" → "7 years", "P1Y6M" → "1 year and 6 months"; anything else is returned as it is. */
export function describeDuration(duration: string): string {
  if (!isoDurationPattern.test(duration)) return duration;
  const [date = '', time = ''] = duration.slice(1).split('T');
  const parts: string[] = [];
  for (const [source, list] of [
    [date, units],
    [time, timeUnits],
  ] as const) {
    for (const [pattern, unit] of list) {
      const amount = source.match(pattern)?.[1];
      if (amount) parts.push(`${Number(amount)} ${unit}${Number(amount) === 1 ? '' : 's'}`);
    }
  }
  return parts.length <= 1 ? (parts[0] ?? duration) : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The calendar date (YYYY-MM-DD) `duration` after `date`, in UTC: years and months by the
 * calendar (31 January + P1M = 28 or 29 February: the month's last day, not an overflow into
 * March), then weeks and days. A time part (PT…) is ignored: the result is a date.
 */
export function addDuration(date: string, duration: string): string {
  if (!isoDurationPattern.test(duration)) throw new Error(`not an ISO 8601 duration: ${duration}`);
  const [datePart = ''] = duration.slice(1).split('T');
  const amount = (unit: string) => Number(new RegExp(`(\\d+)${unit}`).exec(datePart)?.[1] ?? 0);
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const months = year * 12 + (month - 1) + amount('Y') * 12 + amount('M');
  const targetYear = Math.floor(months / 12);
  const targetMonth = months % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
  result.setUTCDate(result.getUTCDate() + amount('W') * 7 + amount('D'));
  return result.toISOString().slice(0, 10);
}
