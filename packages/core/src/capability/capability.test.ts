import { describe, expect, it } from 'vitest';
import { CAPABILITIES, isCapability, sortCapabilities } from './capability.js';

// SPEC §5 names the six capabilities; access levels they refine:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
describe('capabilities', () => {
  it('are the six of the specification, in report order, and frozen', () => {
    expect(CAPABILITIES).toEqual([
      'administer-resource',
      'read-config',
      'read-data',
      'write-data',
      'delete-data',
      'use-resource',
    ]);
    expect(Object.isFrozen(CAPABILITIES)).toBe(true);
  });

  it.each([
    ['read-data', true],
    ['use-resource', true],
    ['Read-Data', false],
    ['read', false],
    ['', false],
  ])('isCapability(%j) is %s', (value, expected) => {
    expect(isCapability(value)).toBe(expected);
  });

  it('sorts into report order without repeats', () => {
    expect(sortCapabilities(['use-resource', 'read-data', 'administer-resource', 'read-data'])).toEqual([
      'administer-resource',
      'read-data',
      'use-resource',
    ]);
    expect(sortCapabilities([])).toEqual([]);
  });
});
