import type { Finding, FindingCategory, FindingSeverity } from './finding.js';
import type { RiskContext } from './risk-context.js';

/**
 * One risk rule: an id (the name of its file under `rules/`), what it reports and how to fix it
 * (the text of docs/findings.md and of SARIF's rule help), and the check itself.
 */
export interface RiskRule {
  readonly id: string;
  readonly category: FindingCategory;
  /** The severity of its findings, unless a finding says otherwise. */
  readonly severity: FindingSeverity;
  /** One line: what the rule finds. */
  readonly title: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  /** The AWS documentation page the rule rests on. */
  readonly see: string;
  /** The findings of the rule, in any order (the analysis sorts them). */
  run(context: RiskContext): Finding[];
}
