/**
 * Date condition operators: `DateEquals`, `DateNotEquals`, `DateLessThan`, `DateLessThanEquals`,
 * `DateGreaterThan`, `DateGreaterThanEquals`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
import { compareWith } from './numeric.js';
import {
  type CompiledValues,
  type CompileInput,
  type OperatorDefinition,
  reportInvalidValue,
} from './operator.js';

/** Epoch (UNIX) time in seconds, optionally with a fraction: `1700000000`. */
const EPOCH = /^-?\d+(?:\.\d+)?$/;

/**
 * The W3C profile of ISO 8601: `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mmTZD`,
 * `YYYY-MM-DDThh:mm:ssTZD`, `YYYY-MM-DDThh:mm:ss.sTZD`, where TZD is `Z`, `+hh:mm` or `-hh:mm`.
 * Also accepted, to read what AWS reads rather than reject it: a time without a zone (UTC),
 * `+hhmm`/`+hh` zones, lower-case `t`/`z`, and a comma before the fraction.
 */
const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/**
 * Parses a date as the date operators read it, to milliseconds since the epoch, or returns
 * undefined. "You must specify date/time values with one of the W3C implementations of the ISO
 * 8601 date formats or in epoch (UNIX) time."
 *
 * Why a bare number is epoch seconds: `aws:EpochTime` is written that way, so `2024` reads as
 * 2024 seconds after 1970, not as the W3C year-only form.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 * @see http://www.w3.org/TR/NOTE-datetime
 */
export function parseDate(text: string): number | undefined {
  if (EPOCH.test(text)) return Number(text) * 1000;
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
  return seconds * 1000 + millis - zoneOffsetMinutes(zone) * 60_000;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, without allocating a `Date` (and without
 * `Date.UTC`'s reading of years below 100 as 19xx). H. Hinnant's `days_from_civil`.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** `Z`, `+05:30`, `-0800`, `+01` as minutes east of UTC; no zone is UTC. */
function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes);
}

/**
 * The date operators. Policy variables and wildcards cannot be used with them. Dates compare to
 * the millisecond, whatever form each side is written in; a context value that is not a date
 * matches no policy value.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
export const dateOperators: readonly OperatorDefinition[] = [
  { name: 'DateEquals', negated: false, compile: (input) => compileDate(input, 'eq') },
  { name: 'DateNotEquals', negated: true, compile: (input) => compileDate(input, 'eq') },
  { name: 'DateLessThan', negated: false, compile: (input) => compileDate(input, 'lt') },
  { name: 'DateLessThanEquals', negated: false, compile: (input) => compileDate(input, 'le') },
  { name: 'DateGreaterThan', negated: false, compile: (input) => compileDate(input, 'gt') },
  { name: 'DateGreaterThanEquals', negated: false, compile: (input) => compileDate(input, 'ge') },
];

function compileDate(input: CompileInput, compare: 'eq' | 'lt' | 'le' | 'gt' | 'ge'): CompiledValues {
  const dates: number[] = [];
  input.values.forEach((value, index) => {
    const date = parseDate(value);
    if (date === undefined) {
      reportInvalidValue(
        input,
        index,
        `\`${value}\` is not a date; write an ISO 8601 date or time such as \`2020-01-01T00:00:01Z\`, or epoch seconds such as \`1577836801\``,
      );
    } else dates.push(date);
  });
  return { keys: [], test: compareWith(dates, compare, parseDate) };
}
