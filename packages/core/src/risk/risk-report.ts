import type { Finding } from './finding.js';
import type { Suppression } from './suppressions.js';

/** The findings of one `risks` run, after suppressions. */
export interface RiskReport {
  /** Worst first. */
  readonly findings: readonly Finding[];
  /** How many findings live suppressions left out. */
  readonly suppressed: number;
  /** Suppressions past their expiry date, which suppressed nothing. */
  readonly expired: readonly Suppression[];
}
