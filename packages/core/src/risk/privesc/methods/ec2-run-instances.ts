import { passRoleMethod } from './pass-role-method.js';

/**
 * `ec2-run-instances`: pass a privileged role to ec2.amazonaws.com and launch an EC2 instance with its existing instance profile.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const ec2RunInstances = passRoleMethod({
  id: 'ec2-run-instances',
  needs: [['ec2:RunInstances']],
  services: ['ec2.amazonaws.com'],
  doing: 'launch an EC2 instance with its existing instance profile',
  needsInstanceProfile: true,
});
