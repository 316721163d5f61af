/**
 * accessloop's pure analysis core. No I/O: every function takes data and returns data.
 */
export {
  type AccessCapability,
  type AccessGrant,
  type AccessResult,
  accessOf,
  effectiveAccessOf,
  type PrincipalAccess,
  summarizeAccess,
} from './access/access-of.js';
export { createPolicySets, type PolicySets } from './access/policy-sets.js';
export {
  type PrincipalSide,
  principalSideOf,
  type ResourceSide,
  requestFor,
  resourceSideOf,
  simulateInputFor,
  snapshotContext,
} from './access/simulate-input-for.js';
export { type WhoCanPrincipal, type WhoCanResult, type WhoCanTools, whoCan } from './access/who-can.js';
export { CAPABILITIES, type Capability, isCapability, sortCapabilities } from './capability/capability.js';
export {
  actionsWithCapability,
  type CapabilityMapData,
  capabilitiesFor,
  capabilityMapVersion,
} from './capability/capability-map.js';
export { type AccessLevel, type ActionInfo, type Catalog, loadCatalog } from './catalog/catalog.js';
export {
  buildResourceTypeIndex,
  loadResourceTypeIndex,
  type ResourceTypeDefinition,
  type ResourceTypeIndex,
  type ResourceTypeRef,
} from './catalog/resource-types.js';
export { buildContext, type RequestContext } from './condition/context.js';
export {
  type AccessloopConfig,
  type ClassificationConfig,
  DEFAULT_CONFIG,
  type ScoreWeights,
  type TagConfig,
} from './config/default-config.js';
export { parseConfig } from './config/parse-config.js';
export { diagnosticCodes, isDiagnosticCode } from './diagnostics/codes.js';
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
export { decideWithUnknowns, type UnknownsDecision } from './evaluate/decide-with-unknowns.js';
export {
  type CompiledOrgLevel,
  type EvaluationOptions,
  evaluateRequest,
  type PolicySet,
} from './evaluate/evaluate-request.js';
export { buildRequest, type EvaluationRequest } from './evaluate/request.js';
export { createSimulator, type PreparedRequest, type Simulator } from './evaluate/simulate.js';
export type { UnknownContext } from './evaluate/statement-hits.js';
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
export {
  type JsonSyntaxError,
  lineAndColumn,
  locateJsonSyntaxError,
  parseJsonText,
} from './json/json-text.js';
export { type Arn, parseArn } from './match/arn.js';
export { parseRequestPrincipal, type RequestPrincipal } from './match/principal.js';
export { decodePolicyDocument } from './policy/decode-policy.js';
export { parsePolicy } from './policy/parse-policy.js';
export type { Effect, Policy, PolicyDocumentWire, PolicyVersion, Statement } from './policy/types.js';
export { escapeHtml, markdownCode } from './report/escape.js';
export { explainDecision } from './report/explain-decision.js';
export { renderAccess } from './report/render-access.js';
export { renderWhoCan } from './report/render-who-can.js';
export type { ReportFormat } from './report/report-format.js';
export { terminalSafe } from './report/terminal-safe.js';
export {
  type AnalyzeRisksOptions,
  analyzeRisks,
  RISK_RULES,
  ruleError,
  sortFindings,
} from './risk/analyze-risks.js';
export { CREDENTIAL_ACTIONS, type CredentialAction } from './risk/credential-actions.js';
export {
  type Finding,
  type FindingCategory,
  type FindingSeverity,
  isAtLeast,
  type PathHop,
  SEVERITIES,
} from './risk/finding.js';
export { cliCommand, escalationCommands, shellQuote } from './risk/gameday/aws-cli.js';
export {
  type GamedayOptions,
  type GamedayPhase,
  type GamedayPlaybook,
  type GamedayStep,
  gamedayPlaybook,
} from './risk/gameday/gameday-playbook.js';
export { GAMEDAY_NOTICE, renderGameday } from './risk/gameday/render-gameday.js';
export { parseKnownAccounts } from './risk/known-accounts.js';
export { type EscalationOptions, findEscalations } from './risk/privesc/find-escalations.js';
export type { EscalationMethod, MethodContext, MethodHit } from './risk/privesc/method.js';
export { ESCALATION_METHODS } from './risk/privesc/methods/index.js';
export type {
  AdminEquivalent,
  EscalationAnalysis,
  EscalationEdge,
  EscalationPath,
  MethodTable,
  Outcome,
  PermissionCheck,
} from './risk/privesc/types.js';
export { renderRisks } from './risk/render-risks.js';
export { createRiskContext, type RiskContext, type RiskOptions } from './risk/risk-context.js';
export type { RiskReport } from './risk/risk-report.js';
export type { RiskRule } from './risk/rule.js';
export { renderSarif, type SarifOptions } from './risk/sarif/render-sarif.js';
export {
  applySuppressions,
  parseSuppressions,
  type Suppression,
  type SuppressionOutcome,
} from './risk/suppressions.js';
export {
  countResources,
  describeAccess,
  serviceName,
} from './scan/describe-access.js';
export {
  renderScanHtml,
  renderScanMarkdown,
  renderScanSummary,
  scanHtmlPieces,
  scanMarkdownPieces,
} from './scan/render-scan.js';
export {
  MAX_LISTED_RESOURCES,
  type ResourceAccessLine,
  riskOf,
  type ScanGroup,
  type ScannedPrincipal,
  type ScannedResource,
  type ScanOptions,
  type ScanResult,
  scanSnapshot,
} from './scan/scan-snapshot.js';
export { renderScore, renderScoreExplanation } from './score/render-score.js';
export { type CompletedReview, parseReviews } from './score/reviews.js';
export {
  type AccessScore,
  type ScoreContribution,
  type ScoreModel,
  scoreAccess,
  scoringCapabilityOf,
} from './score/score-access.js';
export {
  type PrincipalScore,
  principalScorer,
  type ScoreGrouping,
  type ScoreOptions,
  type ScoreReport,
  scoreModelOf,
  scorePrincipal,
  scoreReportOf,
  scoreSnapshot,
  type TeamScore,
  UNTAGGED,
} from './score/score-snapshot.js';
export {
  isPlaceholderResource,
  scoringAccessOf,
  uninventoriedAccessOf,
} from './score/uninventoried-access.js';
export { usedAccessOf } from './score/used-access.js';
export {
  type AuthorizationDetailsOptions,
  parseAuthorizationDetails,
} from './snapshot/authorization-details.js';
export {
  buildSingleAccountSnapshot,
  buildSnapshot,
  SNAPSHOT_FORMAT,
  type SnapshotFile,
  type SnapshotSource,
  snapshotSourceFromFiles,
} from './snapshot/build-snapshot.js';
export { type SnapshotCode, snapshotCodes } from './snapshot/codes.js';
export type {
  Account,
  AccountIam,
  AttachedPolicy,
  Group,
  InlinePolicy,
  InstanceProfile,
  ManagedPolicy,
  Organization,
  OrganizationAccount,
  OrganizationalUnit,
  OrganizationPolicy,
  OrganizationPolicyType,
  OrganizationRoot,
  Resource,
  Role,
  RoleLastUsed,
  Snapshot,
  Tags,
  User,
} from './snapshot/model.js';
export {
  indexOrganizationPolicies,
  type OrganizationPolicyLevels,
  organizationPolicyLevels,
  parseOrganization,
} from './snapshot/organization.js';
export { parseResources } from './snapshot/resources.js';
export {
  type PrincipalLastAccessed,
  parseAccessAdvisor,
  type ServiceLastAccessed,
  type TrackedActionLastAccessed,
  usageFromAccessAdvisor,
} from './usage/access-advisor.js';
export {
  actionsOfEvent,
  EVENT_ACTIONS,
  EVENT_SOURCE_PREFIXES,
  type EventActions,
  servicePrefixOf,
} from './usage/cloudtrail-action.js';
export { isAccessDenied, principalOfEvent, resourcesOfEvent } from './usage/cloudtrail-event.js';
export {
  type CloudTrailStats,
  type CloudTrailUsageCollector,
  createCloudTrailUsageCollector,
  MAX_RESOURCES_PER_ACTION,
  mergeUsage,
} from './usage/cloudtrail-usage.js';
export { type UsageCode, usageCodes } from './usage/codes.js';
export {
  type CredentialReportAccessKey,
  type CredentialReportEntry,
  parseCredentialReport,
} from './usage/credential-report.js';
export type { UnusedRuleOptions } from './usage/days.js';
export {
  DEFAULT_UNUSED_DAYS,
  findUnusedAccess,
  type UnusedAccessInput,
  type UnusedAccessOptions,
} from './usage/find-unused-access.js';
export { renderUsageText, type UsageReport } from './usage/render-usage.js';
export type { Usage, UsageCoverage, UsedAction } from './usage/usage.js';
