import { expect, it } from 'vitest';
import { conditionCodes } from './codes.js';

// Codes are a public contract: changing this list is a breaking change for users who filter on them.
it('pins the condition diagnostic codes', () => {
  expect(Object.keys(conditionCodes)).toEqual([
    'condition.unknown-operator',
    'condition.invalid-value',
    'condition.invalid-variable',
    'condition.ignored-set-operator',
  ]);
  for (const description of Object.values(conditionCodes)) {
    expect(description).toMatch(/^[a-z]/);
    expect(description).not.toMatch(/\.$/);
  }
});
