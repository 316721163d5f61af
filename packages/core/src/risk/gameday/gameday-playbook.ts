import type { WhoCanTools } from '../../access/who-can.js';
import type { Capability } from '../../capability/capability.js';
import { capabilitiesFor } from '../../capability/capability-map.js';
import { error, fail, ok, type Result } from '../../diagnostics/diagnostic.js';
import type { Reason } from '../../evaluate/types.js';
import type { Snapshot } from '../../snapshot/model.js';
import { findEscalations } from '../privesc/find-escalations.js';
import type { EscalationAnalysis, EscalationEdge } from '../privesc/types.js';
import { compare, createRiskContext } from '../risk-context.js';
import { cliCommand, escalationCommands } from './aws-cli.js';

/** The phases of a playbook, in the order an attacker (or a game day) goes through them. */
export type GamedayPhase = 'read-data' | 'write-data' | 'delete-data' | 'escalation';

/** One step of the playbook: something the principal's real access allows. */
export interface GamedayStep {
  readonly phase: GamedayPhase;
  /**
   * Plain language, before the resource: `read the data of` (then the resource), or an escalation
   * hop's description. AWS strings raw (renderers escape).
   */
  readonly title: string;
  /** The permissions the step uses, sorted. */
  readonly actions: readonly string[];
  /** The resource acted on (for escalation, the principal or resource the hop reaches). */
  readonly resource: string;
  /** AWS CLI commands, in order; arguments shell-quoted. */
  readonly commands: readonly string[];
  /** The statements that allow it. */
  readonly allowedBy: readonly Reason[];
  readonly conditional: boolean;
  readonly conditionKeys: readonly string[];
  /** The change that closes the step. */
  readonly fix: string;
}

/** The game-day playbook of one principal. */
export interface GamedayPlaybook {
  readonly principal: string;
  readonly collectedAt?: string;
  readonly steps: readonly GamedayStep[];
  /** Data resources left out per phase beyond `maxResourcesPerPhase`. */
  readonly omitted: number;
  /** Whether the escalation analysis could run (its steps are missing otherwise). */
  readonly escalationAnalysed: boolean;
}

/** Options of {@link gamedayPlaybook}. */
export interface GamedayOptions {
  /** At most this many data resources per phase (default 15); the rest are counted in `omitted`. */
  readonly maxResourcesPerPhase?: number;
  /** The escalation analysis, when the caller has it already (else it is run). */
  readonly escalations?: EscalationAnalysis;
}

/** The action a step shows first for a capability, when the principal has it (commonest first). */
const preferred: Readonly<Record<Exclude<GamedayPhase, 'escalation'>, readonly string[]>> = {
  'read-data': [
    's3:GetObject',
    'dynamodb:Scan',
    'dynamodb:GetItem',
    'secretsmanager:GetSecretValue',
    'ssm:GetParameter',
    'sqs:ReceiveMessage',
    'kms:Decrypt',
  ],
  'write-data': [
    's3:PutObject',
    'dynamodb:PutItem',
    'secretsmanager:PutSecretValue',
    'ssm:PutParameter',
    'sqs:SendMessage',
    'sns:Publish',
  ],
  'delete-data': [
    's3:DeleteObject',
    'dynamodb:DeleteTable',
    'dynamodb:DeleteItem',
    'secretsmanager:DeleteSecret',
    'sqs:PurgeQueue',
    'kms:ScheduleKeyDeletion',
    'lambda:DeleteFunction',
    's3:DeleteBucket',
  ],
};

const verbs: Readonly<Record<Exclude<GamedayPhase, 'escalation'>, string>> = {
  'read-data': 'read the data of',
  'write-data': 'change the data of',
  'delete-data': 'destroy the data of',
};

/**
 * The attack playbook a compromised principal enables, for a practice copy of the application:
 * the data it can read, change and destroy (from its effective access, every policy of the
 * snapshot applied), then its privilege-escalation paths, each step with the AWS CLI commands, the
 * statements that allow it and the fix that closes it.
 *
 * @see https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_incident_response_run_game_days.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function gamedayPlaybook(
  snapshot: Snapshot,
  tools: WhoCanTools,
  principal: string,
  options: GamedayOptions = {},
): Result<GamedayPlaybook> {
  const context = createRiskContext(snapshot, tools);
  const access = context.accessOf(principal);
  if (!access) {
    return fail([
      error(
        'access.unknown-principal',
        'principal',
        `\`${principal}\` is not a user, role or role session of the snapshot; check the ARN`,
      ),
    ]);
  }
  const max = options.maxResourcesPerPhase ?? 15;
  const steps: GamedayStep[] = [];
  let omitted = 0;
  for (const phase of ['read-data', 'write-data', 'delete-data'] as const) {
    // Per resource: the actions of this capability, and whether any is certain.
    const byResource = new Map<string, { actions: Set<string>; certain: boolean; keys: Set<string> }>();
    for (const grant of access.grants) {
      const actions = grant.actions.filter((a) => capabilitiesFor(a).includes(phase as Capability));
      if (actions.length === 0) continue;
      for (const resource of grant.resources) {
        if (resource === '*') continue;
        const entry = byResource.get(resource) ?? { actions: new Set(), certain: false, keys: new Set() };
        for (const a of actions) entry.actions.add(a);
        entry.certain ||= !grant.conditional;
        for (const k of grant.conditionKeys) entry.keys.add(k);
        byResource.set(resource, entry);
      }
    }
    const resources = [...byResource.keys()].sort(compare);
    omitted += Math.max(0, resources.length - max);
    for (const resource of resources.slice(0, max)) {
      const entry = byResource.get(resource) as { actions: Set<string>; certain: boolean; keys: Set<string> };
      const actions = [...entry.actions].sort(compare);
      const main = preferred[phase].find((a) => entry.actions.has(a)) ?? (actions[0] as string);
      const decision = context.decide(principal, main, resource);
      const reasons = (decision?.result.reasons ?? []).filter(
        (r) => r.effect === 'Allow' && r.policyType !== 'scp' && r.policyType !== 'rcp',
      );
      steps.push({
        phase,
        title: verbs[phase],
        actions,
        resource,
        commands: [cliCommand(main, resource)],
        allowedBy: reasons,
        conditional: !entry.certain,
        conditionKeys: entry.certain ? [] : [...entry.keys].sort(compare),
        fix: dataFix(principal, resource, actions, reasons),
      });
    }
  }

  let analysis = options.escalations;
  if (!analysis) {
    const found = findEscalations(snapshot, tools);
    if (found.ok) analysis = found.value;
  }
  if (analysis) steps.push(...escalationSteps(analysis, principal));
  return ok({
    principal,
    ...(snapshot.collectedAt !== undefined ? { collectedAt: snapshot.collectedAt } : {}),
    steps,
    omitted,
    escalationAnalysed: analysis !== undefined,
  });
}

/** The hops of the principal's paths to administrator, then its other direct escalations. */
function escalationSteps(analysis: EscalationAnalysis, principal: string): GamedayStep[] {
  const steps: GamedayStep[] = [];
  const seen = new Set<EscalationEdge>();
  for (const path of analysis.paths.filter((p) => p.principal === principal)) {
    for (const hop of path.hops) {
      seen.add(hop);
      steps.push(hopStep(hop));
    }
  }
  for (const edge of analysis.edges)
    if (edge.from === principal && !seen.has(edge)) steps.push(hopStep(edge));
  return steps;
}

function hopStep(edge: EscalationEdge): GamedayStep {
  const identity = edge.reasons.filter(
    (r) => r.effect === 'Allow' && r.policyType !== 'scp' && r.policyType !== 'rcp',
  );
  const policies = [...new Set(identity.map((r) => `\`${r.policy}\``))];
  return {
    phase: 'escalation',
    title: `${edge.description}${edge.grantsAdmin ? ' (administrator-equivalent)' : ''} [${edge.method}]:`,
    actions: [...edge.actions].sort(compare),
    resource: edge.via ?? edge.to,
    commands: escalationCommands(edge.method, edge),
    allowedBy: identity,
    conditional: edge.conditional,
    conditionKeys: edge.conditionKeys,
    fix: `remove ${edge.actions.map((a) => `\`${a}\``).join(' or ')} from ${policies.length > 0 ? policies.join(', ') : 'the policy that grants it'}, or limit it to resources that lead to no more privilege (name the roles iam:PassRole may pass, with iam:PassedToService; trust only the principals that need the role)`,
  };
}

function dataFix(
  principal: string,
  resource: string,
  actions: readonly string[],
  reasons: readonly Reason[],
): string {
  const named =
    actions.length > 3
      ? `${actions
          .slice(0, 3)
          .map((a) => `\`${a}\``)
          .join(', ')} and ${actions.length - 3} more`
      : actions.map((a) => `\`${a}\``).join(', ');
  const where = reasons
    .map((r) =>
      r.policyType === 'resource'
        ? `statement ${r.statement}${r.sid ? ` (${r.sid})` : ''} of the resource policy of \`${resource}\` (stop naming \`${principal}\`)`
        : `statement ${r.statement}${r.sid ? ` (${r.sid})` : ''} of \`${r.policy}\``,
    )
    .join('; ');
  return `remove ${named} on \`${resource}\` from ${where || 'the policy that grants it'}, or scope its Resource to what the workload needs`;
}
