import { passRoleMethod } from './pass-role-method.js';

/**
 * `lambda-create-add-permission`: pass a privileged role to lambda.amazonaws.com and create a Lambda function that runs as it and let itself invoke it through the function policy.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const lambdaCreateAddPermission = passRoleMethod({
  id: 'lambda-create-add-permission',
  needs: [['lambda:CreateFunction', 'lambda:AddPermission']],
  services: ['lambda.amazonaws.com'],
  doing: 'create a Lambda function that runs as it and let itself invoke it through the function policy',
});
