import { passRoleMethod } from './pass-role-method.js';

/**
 * `ec2-run-instances-new-profile`: pass a privileged role to ec2.amazonaws.com and launch an EC2 instance with a new instance profile holding the role.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const ec2RunInstancesNewProfile = passRoleMethod({
  id: 'ec2-run-instances-new-profile',
  needs: [['ec2:RunInstances', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile']],
  services: ['ec2.amazonaws.com'],
  doing: 'launch an EC2 instance with a new instance profile holding the role',
});
