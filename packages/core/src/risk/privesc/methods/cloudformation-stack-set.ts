import { passRoleMethod } from './pass-role-method.js';

/**
 * `cloudformation-stack-set`: pass a privileged role to cloudformation.amazonaws.com and deploy a CloudFormation stack set that uses it.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const cloudformationStackSet = passRoleMethod({
  id: 'cloudformation-stack-set',
  needs: [
    ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    ['cloudformation:UpdateStackSet'],
  ],
  services: ['cloudformation.amazonaws.com'],
  doing: 'deploy a CloudFormation stack set that uses it',
});
