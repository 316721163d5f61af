import { passRoleMethod } from './pass-role-method.js';

/**
 * `autoscaling-launch-configuration`: pass a privileged role to ec2.amazonaws.com and create a launch configuration with the role's instance profile and an Auto Scaling group that uses it.
 *
 * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/us-iam-role.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const autoscalingLaunchConfiguration = passRoleMethod({
  id: 'autoscaling-launch-configuration',
  needs: [
    ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
    ['autoscaling:CreateLaunchConfiguration', 'autoscaling:UpdateAutoScalingGroup'],
  ],
  services: ['ec2.amazonaws.com'],
  doing:
    "create a launch configuration with the role's instance profile and an Auto Scaling group that uses it",
  needsInstanceProfile: true,
});
