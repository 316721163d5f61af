import { hijackMethod } from './hijack-method.js';

/**
 * `autoscaling-existing-launch-configuration`: start instances from a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-configurations.html
 */
export const autoscalingExistingLaunchConfiguration = hijackMethod({
  id: 'autoscaling-existing-launch-configuration',
  needs: [['autoscaling:CreateAutoScalingGroup']],
  resourceTypes: ['AWS::AutoScaling::LaunchConfiguration'],
  doing: 'start instances from',
});
