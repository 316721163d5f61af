import { passRoleMethod } from './pass-role-method.js';

/**
 * `lambda-create-invoke`: pass a privileged role to lambda.amazonaws.com and create a Lambda function that runs as it, then invoke it.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const lambdaCreateInvoke = passRoleMethod({
  id: 'lambda-create-invoke',
  needs: [['lambda:CreateFunction', 'lambda:InvokeFunction']],
  services: ['lambda.amazonaws.com'],
  doing: 'create a Lambda function that runs as it, then invoke it',
});
