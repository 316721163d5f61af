import { parseArn } from '../../match/arn.js';
import type { Finding } from '../finding.js';
import { hasRestrictingKey, policyHolders } from '../private/outsiders.js';
import type { RiskRule } from '../rule.js';

/**
 * `oidc-trust-without-subject`: a role whose trust policy lets an OIDC provider's tokens assume it
 * (`sts:AssumeRoleWithWebIdentity`) with no condition on the token's subject: for GitHub Actions
 * (`token.actions.githubusercontent.com`) any workflow of any repository in the world. Decided by
 * the engine with the token's claims unknown: if the decision does not depend on a claim other
 * than the audience (`aud`, `azp`, `amr`), any subject gets in.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export const oidcTrustWithoutSubject: RiskRule = {
  id: 'oidc-trust-without-subject',
  category: 'exposure',
  severity: 'critical',
  title: 'a role that any identity of an OIDC provider can assume, such as any GitHub repository',
  why: 'The audience claim only says the token was minted for AWS: every GitHub Actions workflow in the world, or every user of the identity provider, can get one. Without a condition on `sub` any of them assumes the role.',
  fix: 'Add a condition on the subject, such as `"StringLike": {"token.actions.githubusercontent.com:sub": "repo:<org>/<repo>:environment:production"}`.',
  see: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
  run(context) {
    const findings: Finding[] = [];
    for (const holder of policyHolders(context)) {
      if (!holder.role) continue;
      const providers = new Set<string>();
      for (const statement of holder.allows) {
        for (const federated of statement.principal?.federated ?? []) {
          if (parseArn(federated)?.resource.startsWith('oidc-provider/')) providers.add(federated);
        }
      }
      for (const provider of [...providers].sort()) {
        const host = (parseArn(provider)?.resource ?? '').slice('oidc-provider/'.length).toLowerCase();
        const decision = context.decide(provider, 'sts:AssumeRoleWithWebIdentity', holder.arn);
        if (!decision || decision.outcome === 'Denied') continue;
        const subjectKeys = decision.keys.filter((key) => {
          const lower = key.toLowerCase();
          if (!lower.startsWith(`${host}:`)) return false;
          const claim = lower.slice(host.length + 1);
          return !['aud', 'azp', 'amr'].includes(claim) || host === 'cognito-identity.amazonaws.com';
        });
        if (subjectKeys.length > 0) continue;
        // The audience is whatever the caller asks the provider for: it restricts nobody.
        const others = decision.keys.filter((key) => !key.toLowerCase().startsWith(`${host}:`));
        if (hasRestrictingKey(others)) continue;
        findings.push({
          id: 'oidc-trust-without-subject',
          category: 'exposure',
          severity: 'critical',
          principal: provider,
          resource: holder.arn,
          conditional: others.length > 0,
          message: `any identity of \`${host}\` can assume \`${holder.arn}\`: the trust policy does not check the token's subject`,
        });
      }
    }
    return findings;
  },
};
