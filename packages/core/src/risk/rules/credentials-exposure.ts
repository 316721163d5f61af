import type { ActionInfo } from '../../catalog/catalog.js';
import { CREDENTIAL_ACTIONS } from '../credential-actions.js';
import { type Finding, SEVERITIES } from '../finding.js';
import { actionsOnAnyResource, findingsPerPrincipal, namedActions } from '../private/identity-actions.js';
import type { RiskRule } from '../rule.js';

const bySpelling = new Map(CREDENTIAL_ACTIONS.map((c) => [c.action, c]));

/**
 * `credentials-exposure`: a principal that can call an action whose response is a credential
 * (`CREDENTIAL_ACTIONS`: access keys, registry tokens, database passwords...), on a resource of the
 * inventory or on any resource, decided by the engine. `iam:CreateAccessKey` on the principal's
 * own user only (the usual "manage your own keys" policy) is not reported.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
 */
export const credentialsExposure: RiskRule = {
  id: 'credentials-exposure',
  category: 'credentials-exposure',
  severity: 'medium',
  title: 'a principal that can obtain credentials: access keys, tokens, passwords',
  why: "These actions return a secret that works outside AWS's view of the session: a new access key of another user, a registry or database password. Whoever holds the principal holds those credentials too, and they can outlive the incident response.",
  fix: 'Remove the action, or scope it to the one resource the principal needs (its own user with `${aws:username}`, one registry, one database user).',
  see: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  run(context) {
    return findingsPerPrincipal(context, (principal): Finding | undefined => {
      const named = namedActions(context, principal).filter((a) => bySpelling.has(a.action));
      if (named.length === 0) return undefined;
      const wanted = new Set(named.map((a) => a.action));
      const reached = new Map<string, boolean>(); // action -> conditional
      const access = context.accessOf(principal);
      for (const grant of access?.grants ?? []) {
        for (const action of grant.actions) {
          if (!wanted.has(action)) continue;
          const others = grant.resources.filter(
            (r) => !(action === 'iam:CreateAccessKey' && r === principal),
          );
          if (others.length > 0 && reached.get(action) !== false) reached.set(action, grant.conditional);
        }
      }
      const scopable: ActionInfo[] = named.filter((a) => a.resourceTypes.length > 0);
      for (const grant of actionsOnAnyResource(context, principal, scopable)) {
        if (reached.get(grant.action) !== false) reached.set(grant.action, grant.conditional);
      }
      if (reached.size === 0) return undefined;
      const actions = [...reached.keys()].sort();
      const certain = actions.filter((a) => reached.get(a) === false);
      const severity = SEVERITIES.find((s) =>
        (certain.length > 0 ? certain : actions).some((a) => bySpelling.get(a)?.severity === s),
      );
      return {
        id: 'credentials-exposure',
        category: 'credentials-exposure',
        severity: severity ?? 'medium',
        principal,
        conditional: certain.length === 0,
        message: `\`${principal}\` can obtain credentials: ${actions.map((a) => `${a} (${bySpelling.get(a)?.returns})`).join('; ')}`,
      };
    });
  },
};
