import type { Prng } from './prng.js';

/** ISO date helpers for the demo data: dates are 'YYYY-MM-DD', datetimes 'YYYY-MM-DDTHH:MM:SS'. */

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A DATETIME value: the day at `time` ('HH:MM:SS'). */
export function dateTime(date: string, time = '00:00:00'): string {
  return `${date.slice(0, 10)}T${time}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function isWeekend(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A date in [from, to], both 'YYYY-MM-DD'. */
export function dateBetween(rng: Prng, from: string, to: string): string {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A datetime in office hours of `date`. */
export function officeTime(rng: Prng, date: string): string {
  return `${date}T${pad(rng.int(8, 16), 2)}:${pad(rng.int(0, 11) * 5, 2)}:00`;
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
