import { passRoleMethod } from './pass-role-method.js';

/**
 * `ec2-request-spot-instances`: pass a privileged role to ec2.amazonaws.com and request a Spot Instance with the role's instance profile.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RequestSpotInstances.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const ec2RequestSpotInstances = passRoleMethod({
  id: 'ec2-request-spot-instances',
  needs: [['ec2:RequestSpotInstances']],
  services: ['ec2.amazonaws.com'],
  doing: "request a Spot Instance with the role's instance profile",
  needsInstanceProfile: true,
});
