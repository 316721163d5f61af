import { accessCodes } from '../access/codes.js';
import { conditionCodes } from '../condition/codes.js';
import { configCodes } from '../config/codes.js';
import { requestCodes } from '../evaluate/codes.js';
import { policyCodes } from '../policy/codes.js';
import { riskCodes } from '../risk/codes.js';
import { scoreCodes } from '../score/codes.js';
import { snapshotCodes } from '../snapshot/codes.js';
import { usageCodes } from '../usage/codes.js';
import { inputCodes } from './input-codes.js';

/**
 * Every diagnostic code accessloop reports, with what it means: the one list users, scripts and
 * CI configurations can rely on. A code is never renamed or reused; `codes.test.ts` pins the list
 * and checks that the source uses no code missing from it.
 */
export const diagnosticCodes: Readonly<Record<string, string>> = {
  ...policyCodes,
  ...conditionCodes,
  ...requestCodes,
  ...inputCodes,
  ...snapshotCodes,
  ...accessCodes,
  ...configCodes,
  ...scoreCodes,
  ...usageCodes,
  ...riskCodes,
};

/** Whether a code is one of accessloop's diagnostic codes. */
export function isDiagnosticCode(code: string): boolean {
  return Object.hasOwn(diagnosticCodes, code);
}
