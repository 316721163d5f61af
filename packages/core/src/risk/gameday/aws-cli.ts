import { parseArn } from '../../match/arn.js';

/**
 * Shell-safe quoting of one argument (POSIX sh): left bare when it holds only characters no shell
 * gives a meaning, otherwise in single quotes. Names and ARNs come from AWS and are
 * attacker-controlled: a playbook someone copies into a terminal must not run what a name says.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_/:.=,@+%-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The AWS CLI command (v2) names of the services whose IAM prefix differs. */
const cliServices: Readonly<Record<string, string>> = {
  s3: 's3api',
  elasticloadbalancing: 'elbv2',
  states: 'stepfunctions',
  es: 'opensearch',
  'execute-api': 'apigatewaymanagementapi',
  'rds-data': 'rds-data',
};

/** `GetObject` -> `get-object`, as the AWS CLI names operations. */
export function kebab(operation: string): string {
  return operation
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * The AWS CLI command that exercises `action` on `resource`, in real `aws` syntax. Common data
 * actions get their usual form (`aws s3 cp s3://bucket/key -`, `aws dynamodb scan --table-name
 * orders`); any other action the generic `aws <service> <operation>` with the resource as a comment.
 * Placeholders the snapshot cannot know are in angle brackets inside quotes (`'<key>'`).
 *
 * @see https://awscli.amazonaws.com/v2/documentation/api/latest/index.html
 */
export function cliCommand(action: string, resource: string): string {
  const [service = '', operation = ''] = action.split(':');
  const arn = parseArn(resource);
  const region = arn?.region ? ` --region ${shellQuote(arn.region)}` : '';
  const q = shellQuote;
  const s3 = s3Parts(resource);
  switch (`${service.toLowerCase()}:${operation}`) {
    case 's3:GetObject':
      if (s3)
        return `aws s3 ls ${q(`s3://${s3.bucket}/`)} --recursive && aws s3 cp ${q(`s3://${s3.bucket}/<key>`)} -`;
      break;
    case 's3:PutObject':
      if (s3) return `echo gameday | aws s3 cp - ${q(`s3://${s3.bucket}/gameday-marker.txt`)}`;
      break;
    case 's3:DeleteObject':
      if (s3) return `aws s3 rm ${q(`s3://${s3.bucket}/<key>`)}`;
      break;
    case 's3:ListBucket':
      if (s3) return `aws s3 ls ${q(`s3://${s3.bucket}/`)} --recursive`;
      break;
    case 's3:DeleteBucket':
      if (s3) return `aws s3api delete-bucket --bucket ${q(s3.bucket)}`;
      break;
  }
  const name = arn?.resource.slice(arn.resource.indexOf('/') + 1) ?? '';
  switch (action.toLowerCase()) {
    case 'dynamodb:scan':
      return `aws dynamodb scan --table-name ${q(name)}${region}`;
    case 'dynamodb:getitem':
      return `aws dynamodb get-item --table-name ${q(name)} --key '<key JSON>'${region}`;
    case 'dynamodb:putitem':
      return `aws dynamodb put-item --table-name ${q(name)} --item '{"pk": {"S": "gameday"}}'${region}`;
    case 'dynamodb:deleteitem':
      return `aws dynamodb delete-item --table-name ${q(name)} --key '<key JSON>'${region}`;
    case 'dynamodb:deletetable':
      return `aws dynamodb delete-table --table-name ${q(name)}${region}`;
    case 'secretsmanager:getsecretvalue':
      return `aws secretsmanager get-secret-value --secret-id ${q(resource)}`;
    case 'secretsmanager:putsecretvalue':
      return `aws secretsmanager put-secret-value --secret-id ${q(resource)} --secret-string gameday`;
    case 'secretsmanager:deletesecret':
      return `aws secretsmanager delete-secret --secret-id ${q(resource)}`;
    case 'ssm:getparameter':
      return `aws ssm get-parameter --name ${q(`/${name}`)} --with-decryption${region}`;
    case 'ssm:putparameter':
      return `aws ssm put-parameter --name ${q(`/${name}`)} --value gameday --overwrite${region}`;
    case 'sqs:receivemessage':
      return `aws sqs receive-message --queue-url ${q(queueUrl(resource))}`;
    case 'sqs:sendmessage':
      return `aws sqs send-message --queue-url ${q(queueUrl(resource))} --message-body gameday`;
    case 'sqs:purgequeue':
      return `aws sqs purge-queue --queue-url ${q(queueUrl(resource))}`;
    case 'sns:publish':
      return `aws sns publish --topic-arn ${q(resource)} --message gameday`;
    case 'kms:decrypt':
      return `aws kms decrypt --key-id ${q(resource)} --ciphertext-blob fileb://ciphertext.bin`;
    case 'kms:schedulekeydeletion':
      return `aws kms schedule-key-deletion --key-id ${q(resource)} --pending-window-in-days 7`;
    case 'lambda:invokefunction':
      return `aws lambda invoke --function-name ${q(resource)} out.json`;
    case 'lambda:deletefunction':
      return `aws lambda delete-function --function-name ${q(resource)}`;
  }
  const cli = cliServices[service.toLowerCase()] ?? service.toLowerCase();
  return `aws ${q(cli)} ${q(kebab(operation))} # on ${q(resource)}`;
}

function s3Parts(resource: string): { bucket: string } | undefined {
  if (!resource.startsWith('arn:aws:s3:::')) return undefined;
  const path = resource.slice('arn:aws:s3:::'.length);
  const bucket = path.split('/')[0];
  return bucket ? { bucket } : undefined;
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` from a queue ARN. */
function queueUrl(arn: string): string {
  const parsed = parseArn(arn);
  return parsed ? `https://sqs.${parsed.region}.amazonaws.com/${parsed.account}/${parsed.resource}` : arn;
}

/**
 * The AWS CLI commands of one escalation hop, by method id of the privilege-escalation reference:
 * `from` acts, `to` is the principal it becomes (or itself), `via` the resource it acts on.
 * Methods without a template get one generic command per action.
 */
export function escalationCommands(
  method: string,
  hop: { readonly to: string; readonly via?: string; readonly actions: readonly string[] },
): string[] {
  const q = shellQuote;
  const to = hop.to;
  const name = to.slice(to.lastIndexOf('/') + 1);
  const via = hop.via ?? '<resource>';
  const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const admin_doc = `'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'`;
  switch (method) {
    case 'sts-assume-role':
      return [`aws sts assume-role --role-arn ${q(to)} --role-session-name gameday`];
    case 'iam-attach-role-policy':
      return [`aws iam attach-role-policy --role-name ${q(name)} --policy-arn ${admin}`];
    case 'iam-put-role-policy':
      return [
        `aws iam put-role-policy --role-name ${q(name)} --policy-name gameday --policy-document ${admin_doc}`,
      ];
    case 'iam-attach-user-policy':
      return [`aws iam attach-user-policy --user-name ${q(name)} --policy-arn ${admin}`];
    case 'iam-put-user-policy':
      return [
        `aws iam put-user-policy --user-name ${q(name)} --policy-name gameday --policy-document ${admin_doc}`,
      ];
    case 'iam-create-policy-version':
      return [
        `aws iam create-policy-version --policy-arn ${q(via)} --policy-document ${admin_doc} --set-as-default`,
      ];
    case 'iam-set-default-policy-version':
      return [
        `aws iam list-policy-versions --policy-arn ${q(via)}`,
        `aws iam set-default-policy-version --policy-arn ${q(via)} --version-id '<older version>'`,
      ];
    case 'iam-create-access-key':
      return [`aws iam create-access-key --user-name ${q(name)}`];
    case 'iam-create-login-profile':
      return [`aws iam create-login-profile --user-name ${q(name)} --password '<new password>'`];
    case 'iam-update-login-profile':
      return [`aws iam update-login-profile --user-name ${q(name)} --password '<new password>'`];
    case 'iam-update-assume-role-policy':
      return [
        `aws iam update-assume-role-policy --role-name ${q(name)} --policy-document '<trust policy naming yourself>'`,
        `aws sts assume-role --role-arn ${q(to)} --role-session-name gameday`,
      ];
    case 'lambda-create-invoke':
      return [
        `aws lambda create-function --function-name gameday --runtime python3.12 --handler index.handler --zip-file fileb://gameday.zip --role ${q(to)}`,
        'aws lambda invoke --function-name gameday out.json',
      ];
    case 'cloudformation-create-stack':
      return [
        `aws cloudformation create-stack --stack-name gameday --template-body file://gameday.yaml --role-arn ${q(to)} --capabilities CAPABILITY_NAMED_IAM`,
      ];
    case 'cloudformation-update-stack':
      return [
        `aws cloudformation update-stack --stack-name ${q(via)} --template-body file://gameday.yaml --capabilities CAPABILITY_NAMED_IAM`,
      ];
    case 'ecs-run-task':
      return [
        `aws ecs register-task-definition --family gameday --task-role-arn ${q(to)} --container-definitions file://gameday-container.json`,
        "aws ecs run-task --cluster '<cluster>' --task-definition gameday",
      ];
    case 'ec2-run-instances':
      return [
        `aws ec2 run-instances --image-id '<ami>' --instance-type t3.micro --iam-instance-profile Name='<profile of ${name}>' --user-data file://gameday.sh`,
      ];
    case 'codebuild-start-build':
      return [
        `aws codebuild start-build --project-name ${q(via)} --buildspec-override file://gameday-buildspec.yml`,
      ];
    case 'lambda-update-code':
      return [`aws lambda update-function-code --function-name ${q(via)} --zip-file fileb://gameday.zip`];
  }
  return hop.actions.map((action) => cliCommand(action, hop.via ?? to));
}
