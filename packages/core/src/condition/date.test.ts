import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';
import { parseDate } from './date.js';

function holds(operator: string, values: readonly string[], value: string): boolean {
  const compiled = compileCondition({ operator, key: 'aws:CurrentTime', values }, '2012-10-17', 'Condition');
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext({ 'aws:CurrentTime': value }));
}

// "You must specify date/time values with one of the W3C implementations of the ISO 8601 date
// formats or in epoch (UNIX) time":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
// http://www.w3.org/TR/NOTE-datetime
describe('parseDate', () => {
  it.each([
    ['2020-01-01T00:00:01Z', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2020-01-01T00:00:01.250Z', Date.UTC(2020, 0, 1, 0, 0, 1, 250)],
    ['2020-01-01T00:00:01,5Z', Date.UTC(2020, 0, 1, 0, 0, 1, 500)],
    ['2020-01-01T01:00:01+01:00', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2019-12-31T16:00:01-0800', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2020-01-01T05:30:01+05:30', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['2020-01-01T10:20Z', Date.UTC(2020, 0, 1, 10, 20)],
    ['2020-01-01T10:20:30', Date.UTC(2020, 0, 1, 10, 20, 30)],
    ['2020-01-01', Date.UTC(2020, 0, 1)],
    ['2020-02', Date.UTC(2020, 1, 1)],
    ['2020-02-29', Date.UTC(2020, 1, 29)],
    ['1900-03-01', Date.UTC(1900, 2, 1)],
    ['0050-01-01', -60_589_296_000_000],
    ['1577836801', Date.UTC(2020, 0, 1, 0, 0, 1)],
    ['0', 0],
    ['1577836801.5', Date.UTC(2020, 0, 1, 0, 0, 1, 500)],
    ['2019-02-29', undefined],
    ['2020-13-01', undefined],
    ['2020-01-32', undefined],
    ['2020-01-01T24:00:00Z', undefined],
    ['2020-01-01T10:60Z', undefined],
    ['2020/01/01', undefined],
    ['January 1, 2020', undefined],
    ['', undefined],
    ['now', undefined],
  ])('parseDate(%j) is %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});

describe('date operators', () => {
  it.each([
    ['DateEquals', ['2020-01-01T00:00:01Z'], '2020-01-01T00:00:01Z', true],
    ['DateEquals', ['2020-01-01T00:00:01Z'], '1577836801', true],
    ['DateEquals', ['2020-01-01T00:00:01Z'], '2020-01-01T01:00:01+01:00', true],
    ['DateEquals', ['2020-01-01T00:00:01Z'], '2020-01-01T00:00:02Z', false],
    ['DateEquals', ['2020-01-01T00:00:01Z'], 'yesterday', false],
    ['DateNotEquals', ['2020-01-01T00:00:01Z'], '2020-01-01T00:00:02Z', true],
    ['DateNotEquals', ['2020-01-01T00:00:01Z'], '1577836801', false],
    ['DateLessThan', ['2020-01-01T00:00:01Z'], '2020-01-01T00:00:00Z', true],
    ['DateLessThan', ['2020-01-01T00:00:01Z'], '2020-01-01T00:00:01Z', false],
    ['DateLessThanEquals', ['2020-01-01T00:00:01Z'], '2020-01-01T00:00:01Z', true],
    ['DateLessThanEquals', ['2020-01-01'], '2020-01-01T00:00:01Z', false],
    ['DateGreaterThan', ['2020-01-01T00:00:01Z'], '2021-06-01T12:00:00Z', true],
    ['DateGreaterThan', ['2020-01-01T00:00:01Z'], '2020-01-01T00:00:01Z', false],
    ['DateGreaterThan', ['2030-01-01', '2020-01-01'], '2025-01-01T00:00:00Z', true],
    ['DateGreaterThanEquals', ['1577836801'], '2020-01-01T00:00:01Z', true],
    ['DateGreaterThanEquals', ['1577836801'], '2020-01-01T00:00:00Z', false],
  ])('%s %j with %j is %s', (operator, values, value, expected) => {
    expect(holds(operator, values, value)).toBe(expected);
  });
});
