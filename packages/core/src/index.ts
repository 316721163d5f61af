/**
 * accessloop's pure analysis core. No I/O: every function takes data and returns data.
 */
export { type AccessLevel, type ActionInfo, type Catalog, loadCatalog } from './catalog/catalog.js';
export { buildContext, type RequestContext } from './condition/context.js';
export {
  type Diagnostic,
  error,
  fail,
  hasErrors,
  joinPath,
  ok,
  type Result,
  type Severity,
  warning,
} from './diagnostics/diagnostic.js';
export { type CompiledPolicy, compilePolicy, compilePolicyDocument } from './evaluate/compile-policy.js';
export {
  type CompiledOrgLevel,
  type EvaluationOptions,
  evaluateRequest,
  type PolicySet,
} from './evaluate/evaluate-request.js';
export { buildRequest, type EvaluationRequest } from './evaluate/request.js';
export { createSimulator, type Simulator } from './evaluate/simulate.js';
export type {
  Decision,
  EvaluationError,
  EvaluationResult,
  MissingAllow,
  NamedPolicyInput,
  OrgLevelInput,
  PolicyType,
  Reason,
  RequestInput,
  SimulateInput,
} from './evaluate/types.js';
export { type Arn, parseArn } from './match/arn.js';
export { parseRequestPrincipal, type RequestPrincipal } from './match/principal.js';
export { decodePolicyDocument } from './policy/decode-policy.js';
export { parsePolicy } from './policy/parse-policy.js';
export type { Effect, Policy, PolicyDocumentWire, PolicyVersion, Statement } from './policy/types.js';
export { explainDecision } from './report/explain-decision.js';
export { terminalSafe } from './report/terminal-safe.js';
export { type JsonSyntaxError, lineAndColumn, locateJsonSyntaxError } from './snapshot/json-text.js';
