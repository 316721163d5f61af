import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { compileArnTemplate, splitArnTemplates } from './private/arn-template.js';
import { loadResourceTypeIndex, type ResourceTypeIndex } from './resource-types.js';

// Resource types and ARN formats: the "Resource types defined by <service>" table of each
// service's page, listed at
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html

let index: ResourceTypeIndex;
beforeAll(async () => {
  index = await loadResourceTypeIndex(await loadCatalog());
}, 30_000);

describe('compileArnTemplate', () => {
  it.each([
    // A variable ending the template takes `/` and `:` (S3 object keys, IAM paths).
    ['arn:${Partition}:s3:::${BucketName}', 'arn:aws:s3:::b', true],
    ['arn:${Partition}:s3:::${BucketName}', 'arn:aws:s3:::b/k:1', true],
    ['arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:aws:s3:::b/a/b:c', true],
    ['arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:aws:s3:::b', false],
    // Every variable needs at least one character.
    ['arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:aws:s3:::b/', false],
    ['arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:aws:s3:::/k', false],
    ['arn:${Partition}:sqs:${Region}:${Account}:${QueueName}', 'arn:aws:sqs::1:q', false],
    // A variable before `/` stops at the first `/`: `a/b` cannot be one database name.
    [
      'arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}',
      'arn:aws:glue:r:1:table/d/t/x',
      true,
    ],
    [
      'arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}',
      'arn:aws:glue:r:1:table/d',
      false,
    ],
    // ... but a variable before `:` keeps its slashes (log group names), never a `:`.
    [
      'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}',
      'arn:aws:logs:r:1:log-group:/aws/lambda/f:log-stream:2024/01/01',
      true,
    ],
    ['arn:${Partition}:rds:${Region}:${Account}:db:${DbInstanceName}', 'arn:aws:rds:r:1:2:db:x', false],
    // Literals are exact and case-sensitive; a template without variables matches only itself.
    [
      'arn:${Partition}:ssm:${Region}:${Account}:opsitemgroup/default',
      'arn:aws:ssm:r:1:opsitemgroup/default',
      true,
    ],
    [
      'arn:${Partition}:ssm:${Region}:${Account}:opsitemgroup/default',
      'arn:aws:ssm:r:1:opsitemgroup/defaults',
      false,
    ],
    [
      'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
      'arn:aws:dynamodb:r:1:Table/t',
      false,
    ],
    // AWS writes a bare `*` for "any": a variable too. Adjacent variables act as one.
    ['arn:${Partition}:dms:${Region}:${Account}:cert:*', 'arn:aws:dms:r:1:cert:ABC', true],
    [
      'arn:${Partition}:codeartifact:${Region}:${Account}:package-group/${DomainName}${EncodedPackageGroupPattern}',
      'arn:aws:codeartifact:r:1:package-group/d/p',
      true,
    ],
  ])('%s against %s: %s', (template, arn, expected) => {
    expect(compileArnTemplate(template)?.matches(arn)).toBe(expected);
  });

  it('counts literal characters as specificity and reads the ARN service segment', () => {
    const bucket = compileArnTemplate('arn:${Partition}:s3:::${BucketName}');
    const object = compileArnTemplate('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    expect(bucket?.arnService).toBe('s3');
    expect(bucket?.specificity).toBe('arn:'.length + ':s3:::'.length);
    expect(object?.specificity).toBe((bucket?.specificity ?? 0) + 1);
  });

  it('leaves out a template whose service segment is a variable', () => {
    expect(
      compileArnTemplate('arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}'),
    ).toBeUndefined();
  });

  it('splits the alternative templates the data joins with a comma', () => {
    expect(
      splitArnTemplates(
        'arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}, arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}',
      ),
    ).toEqual([
      'arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}',
      'arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}',
    ]);
  });
});

describe('resourceTypeOf', () => {
  it.each([
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
    ['arn:aws:s3:::my-bucket', 's3', 'bucket'],
    ['arn:aws:s3:::my-bucket/', 's3', 'bucket'], // an empty key is no object
    ['arn:aws:s3:::my-bucket/key', 's3', 'object'],
    ['arn:aws:s3:::my-bucket/a/b/c:d.txt', 's3', 'object'],
    ['arn:aws-cn:s3:::my-bucket/k', 's3', 'object'],
    ['arn:aws:s3:us-east-1:111122223333:accesspoint/ap', 's3', 'accesspoint'],
    ['arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k/1', 's3', 'accesspointobject'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
    ['arn:aws:dynamodb:us-east-1:111122223333:table/Orders', 'dynamodb', 'table'],
    ['arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/ByDate', 'dynamodb', 'index'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
    ['arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'kms', 'key'],
    ['arn:aws:kms:us-east-1:111122223333:alias/app/orders', 'kms', 'alias'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html
    ['arn:aws:sqs:us-east-1:111122223333:orders.fifo', 'sqs', 'queue'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
    ['arn:aws:sns:us-east-1:111122223333:alerts', 'sns', 'topic'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html
    [
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-password-AbC123',
      'secretsmanager',
      'Secret',
    ],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
    ['arn:aws:lambda:us-east-1:111122223333:function:orders-api', 'lambda', 'function'],
    ['arn:aws:lambda:us-east-1:111122223333:function:orders-api:live', 'lambda', 'function alias'],
    ['arn:aws:lambda:us-east-1:111122223333:function:orders-api:v2', 'lambda', 'function alias'],
    ['arn:aws:lambda:us-east-1:111122223333:function:orders-api:7', 'lambda', 'function version'],
    ['arn:aws:lambda:us-east-1:111122223333:function:orders-api:$LATEST', 'lambda', 'function version'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
    ['arn:aws:iam::111122223333:role/orders-api', 'iam', 'role'],
    ['arn:aws:iam::111122223333:role/service-role/team/orders-api', 'iam', 'role'],
    ['arn:aws:iam::111122223333:user/ops/alice', 'iam', 'user'],
    ['arn:aws:iam::111122223333:group/admins', 'iam', 'group'],
    ['arn:aws:iam::111122223333:policy/boundaries/app-boundary', 'iam', 'policy'],
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'iam', 'policy'],
    ['arn:aws:iam::111122223333:instance-profile/web', 'iam', 'instance-profile'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
    ['arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0', 'ec2', 'instance'],
    ['arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123', 'ec2', 'security-group'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html
    ['arn:aws:ecr:us-east-1:111122223333:repository/team/orders', 'ecr', 'repository'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
    ['arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders', 'logs', 'log-group'],
    ['arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders:*', 'logs', 'log-group'], // CloudFormation's Arn
    [
      'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders:log-stream:2024/01/01',
      'logs',
      'log-stream',
    ],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html
    ['arn:aws:glue:us-east-1:111122223333:table/sales/orders', 'glue', 'table'],
    ['arn:aws:glue:us-east-1:111122223333:database/sales', 'glue', 'database'],
    ['arn:aws:glue:us-east-1:111122223333:catalog', 'glue', 'rootcatalog'],
    ['arn:aws:glue:us-east-1:111122223333:catalog/s3tablescatalog', 'glue', 'catalog'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html
    ['arn:aws:rds:us-east-1:111122223333:db:orders-db', 'rds', 'db'],
    ['arn:aws:rds:us-east-1:111122223333:cluster:orders-cluster', 'rds', 'cluster'],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html
    ['arn:aws:ssm:us-east-1:111122223333:parameter/orders/prod/db-url', 'ssm', 'parameter'],
    // ARN service segments that are not the IAM prefix's own page name:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigateway.html
    [
      'arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/orders',
      'execute-api',
      'execute-api-general',
    ],
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html
    [
      'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188',
      'elasticloadbalancing',
      'loadbalancer/app/',
    ],
  ])('%s is %s %s', (arn, service, type) => {
    expect(index.resourceTypeOf(arn)).toEqual({ service, type });
  });

  it.each([
    'arn:aws:s3:::', // no bucket name
    'arn:aws:dynamodb:us-east-1:111122223333:stream-or-nothing',
    'arn:aws:nosuchservice:us-east-1:111122223333:thing/x',
    'not-an-arn',
    // The reference writes the session ARN as `arn:${Partition}:iam::${Account}:assumed-role/...`
    // (list_awsidentityandaccessmanagementiam.html), but STS issues it as `arn:aws:sts::...`.
    // Sessions are principals, not inventory resources, so the data is taken as it is.
    'arn:aws:sts::111122223333:assumed-role/orders-api/session-1',
    '*',
  ])('%s is no resource type', (arn) => {
    expect(index.resourceTypeOf(arn)).toBeUndefined();
    expect(index.resourceTypesOf(arn)).toEqual([]);
    expect(index.actionsForArn(arn)).toEqual([]);
  });

  it('lists every equally specific type, the ARN service first', () => {
    // sts:AssumeRole names `sts` `role`, whose template is IAM's role ARN.
    expect(index.resourceTypesOf('arn:aws:iam::111122223333:role/r')).toContainEqual({
      service: 'sts',
      type: 'role',
    });
    // SSM's SendCommand names `ssm` `instance`, an EC2 instance ARN.
    const instance = index.resourceTypesOf('arn:aws:ec2:us-east-1:111122223333:instance/i-1');
    expect(instance[0]).toEqual({ service: 'ec2', type: 'instance' });
    expect(instance).toContainEqual({ service: 'ssm', type: 'instance' });
    // Lambda's `function alias` and `function version` share one template; a version is a
    // number or $LATEST, an alias name is never all digits.
    expect(index.resourceTypesOf('arn:aws:lambda:us-east-1:111122223333:function:f:1')).toEqual([
      { service: 'lambda', type: 'function version' },
    ]);
    expect(index.resourceTypesOf('arn:aws:lambda:us-east-1:111122223333:function:f:2024')).toEqual([
      { service: 'lambda', type: 'function version' },
    ]);
    // The less specific `bucket` reading of an object ARN is not listed.
    expect(index.resourceTypesOf('arn:aws:s3:::b/k')).toEqual([{ service: 's3', type: 'object' }]);
  });
});

describe('actions', () => {
  const names = (infos: readonly { action: string }[]) => infos.map((i) => i.action);

  it('lists the actions of a resource type, sorted', () => {
    const object = names(index.actionsFor('s3', 'object'));
    expect(object).toContain('s3:GetObject');
    expect(object).toContain('s3:PutObject');
    expect(object).not.toContain('s3:ListBucket');
    expect(names(index.actionsFor('s3', 'bucket'))).toContain('s3:ListBucket');
    expect(object).toEqual([...object].sort());
    expect(names(index.actionsFor('dynamodb', 'table'))).toContain('dynamodb:GetItem');
    expect(names(index.actionsFor('kms', 'key'))).toContain('kms:Decrypt');
    expect(names(index.actionsFor('secretsmanager', 'Secret'))).toContain('secretsmanager:GetSecretValue');
    expect(names(index.actionsFor('lambda', 'function'))).toContain('lambda:InvokeFunction');
    expect(index.actionsFor('s3', 'no-such-type')).toEqual([]);
  });

  it('unites the actions of every type an ARN is', () => {
    const role = names(index.actionsForArn('arn:aws:iam::111122223333:role/r'));
    expect(role).toContain('iam:PassRole');
    expect(role).toContain('sts:AssumeRole');
    expect(role).toEqual([...new Set(role)].sort());
    expect(names(index.actionsForArn('arn:aws:ec2:us-east-1:111122223333:instance/i-1'))).toContain(
      'ssm:SendCommand',
    );
  });

  it('lists the actions that apply only to `*`', () => {
    const s3 = index.wildcardOnlyActions('s3');
    expect(names(s3)).toContain('s3:ListAllMyBuckets');
    expect(names(s3)).not.toContain('s3:GetObject');
    expect(s3.every((a) => a.resourceTypes.length === 0)).toBe(true);
    expect(names(index.wildcardOnlyActions('sts'))).toContain('sts:GetCallerIdentity');
  });
});

describe('every template maps back to its type', () => {
  /** Every compilable template of the data, with its type. */
  const templates = () =>
    index.services.flatMap((service) =>
      index
        .resourceTypesForService(service)
        .flatMap((definition) =>
          definition.arnTemplates
            .filter((t) => compileArnTemplate(t) !== undefined)
            .map((template) => ({ service: definition.service, type: definition.type, template })),
        ),
    );
  const VARIABLE = /\$\{[^}]*\}|\*/g;

  // Decision: an ARN built from a template maps to that template's type, or to another type with a
  // template exactly as specific that also matches (the same ARN format defined by two services, or
  // Lambda's alias and version, told apart by the qualifier's form), which is why `resourceTypesOf` lists them all.
  const LAMBDA_QUALIFIED = new Set(['function alias', 'function version']);
  const sameType = (a: { service: string; type: string }, b: { service: string; type: string }) =>
    a.service === b.service &&
    (a.type === b.type ||
      (a.service === 'lambda' && LAMBDA_QUALIFIED.has(a.type) && LAMBDA_QUALIFIED.has(b.type)));
  const mapsBack = (entry: { service: string; type: string }, arn: string): boolean =>
    index.resourceTypesOf(arn).some((r) => sameType(r, entry));

  it('with fixed values, for every template', () => {
    const all = templates();
    expect(all.length).toBeGreaterThan(2000);
    const misses = all.filter((e) => !mapsBack(e, e.template.replace(VARIABLE, 'v1')));
    expect(misses).toEqual([]);
  });

  it('with random values', () => {
    const all = templates();
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.array(fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/), { minLength: 12, maxLength: 12 }),
        (entry, values) => {
          // Safe values: no `:`, `/` or other character a literal after a variable starts with.
          let k = 0;
          const arn = entry.template.replace(VARIABLE, () => `v${values[k++ % values.length]}`);
          return mapsBack(entry, arn);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
