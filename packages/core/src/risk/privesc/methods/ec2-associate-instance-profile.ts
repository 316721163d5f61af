import { passRoleMethod } from './pass-role-method.js';

/**
 * `ec2-associate-instance-profile`: pass a privileged role to ec2.amazonaws.com and associate the role's instance profile with an instance it controls.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateIamInstanceProfile.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const ec2AssociateInstanceProfile = passRoleMethod({
  id: 'ec2-associate-instance-profile',
  needs: [['ec2:AssociateIamInstanceProfile']],
  services: ['ec2.amazonaws.com'],
  doing: "associate the role's instance profile with an instance it controls",
  needsInstanceProfile: true,
});
