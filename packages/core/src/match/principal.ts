import { parseArn } from './arn.js';

/**
 * The kinds of caller a request can come from.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export type PrincipalKind =
  | 'root'
  | 'user'
  | 'role'
  | 'assumedRole'
  | 'federatedUser'
  | 'service'
  | 'federated'
  | 'canonicalUser'
  | 'anonymous';

/** The caller of a request, with the identifiers policies can name it by. */
export interface RequestPrincipal {
  readonly kind: PrincipalKind;
  /** As given in the request. */
  readonly text: string;
  /** The 12-digit account, for principals that belong to one. */
  readonly account?: string;
  readonly partition: string;
  /**
   * `arn:PARTITION:iam::ACCOUNT:root`, for principals of an account, made once when the principal
   * is parsed: resource policies name accounts this way, and a decision compares it with them.
   */
  readonly rootArn?: string;
  /** The ARN a `Principal` element names to match this caller exactly (user, role, session, root). */
  readonly arn?: string;
  /**
   * `aws:PrincipalArn`: for a role session the role's ARN, else the caller's own ARN.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
   */
  readonly principalArn?: string;
  /** User name for IAM users; role name for roles and sessions; session name for sessions. */
  readonly name?: string;
  readonly sessionName?: string;
  /**
   * A service-linked role (or a session of one): SCPs and RCPs do not restrict it.
   * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
   */
  readonly serviceLinked: boolean;
}

const webIdentityProviders = new Set([
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
  'cognito-identity.amazonaws.com',
]);

/**
 * Reads the `principal` of a request: a user, role, assumed-role session, federated user or
 * account root ARN; a service principal such as `s3.amazonaws.com`; a SAML or OIDC provider ARN or
 * a web identity provider name; a 64-hex-digit S3 canonical user id; or `anonymous`.
 * Returns undefined when the text is none of these.
 */
export function parseRequestPrincipal(text: string): RequestPrincipal | undefined {
  if (text === 'anonymous' || text === '*') {
    return { kind: 'anonymous', text, partition: 'aws', serviceLinked: false };
  }
  if (webIdentityProviders.has(text))
    return { kind: 'federated', text, partition: 'aws', serviceLinked: false };
  if (/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(text)) {
    return { kind: 'service', text, partition: 'aws', serviceLinked: false };
  }
  if (/^[0-9a-f]{64}$/.test(text))
    return { kind: 'canonicalUser', text, partition: 'aws', serviceLinked: false };
  const arn = parseArn(text);
  if (!arn || !/^\d{12}$/.test(arn.account)) return undefined;
  const { account, partition } = arn;
  const rootArn = `arn:${partition}:iam::${account}:root`;
  // Plain object literals: spreading a shared base costs far more on this hot path.
  if (arn.service === 'iam') {
    if (arn.resource === 'root') {
      return {
        kind: 'root',
        text,
        account,
        partition,
        rootArn,
        arn: text,
        principalArn: text,
        serviceLinked: false,
      };
    }
    const slash = arn.resource.indexOf('/');
    const type = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
    const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
    if (slash < 0 || name === '') return undefined;
    if (type === 'user' || type === 'role') {
      const serviceLinked =
        type === 'role' &&
        (arn.resource.startsWith('role/aws-service-role/') || name.startsWith('AWSServiceRoleFor'));
      return {
        kind: type,
        text,
        account,
        partition,
        rootArn,
        arn: text,
        principalArn: text,
        name,
        serviceLinked,
      };
    }
    if (type === 'saml-provider' || type === 'oidc-provider') {
      return { kind: 'federated', text, account, partition, rootArn, arn: text, serviceLinked: false };
    }
    return undefined;
  }
  if (arn.service === 'sts') {
    const parts = arn.resource.split('/');
    if (parts[0] === 'assumed-role' && parts.length === 3 && parts[1] && parts[2]) {
      const role = parts[1];
      return {
        kind: 'assumedRole',
        text,
        account,
        partition,
        rootArn,
        arn: text,
        principalArn: `arn:${partition}:iam::${account}:role/${role}`,
        name: role,
        sessionName: parts[2],
        serviceLinked: role.startsWith('AWSServiceRoleFor'),
      };
    }
    if (parts[0] === 'federated-user' && parts.length === 2 && parts[1]) {
      const name = parts[1];
      return {
        kind: 'federatedUser',
        text,
        account,
        partition,
        rootArn,
        arn: text,
        principalArn: text,
        name,
        serviceLinked: false,
      };
    }
  }
  return undefined;
}
