import { passRoleMethod } from './pass-role-method.js';

/**
 * `cloudformation-create-stack`: pass a privileged role to cloudformation.amazonaws.com and create a CloudFormation stack whose service role it is.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const cloudformationCreateStack = passRoleMethod({
  id: 'cloudformation-create-stack',
  needs: [['cloudformation:CreateStack']],
  services: ['cloudformation.amazonaws.com'],
  doing: 'create a CloudFormation stack whose service role it is',
});
