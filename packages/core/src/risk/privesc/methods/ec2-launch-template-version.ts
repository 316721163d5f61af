import { hijackMethod } from './hijack-method.js';

/**
 * `ec2-launch-template-version`: make a new default version of a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplateVersion.html
 */
export const ec2LaunchTemplateVersion = hijackMethod({
  id: 'ec2-launch-template-version',
  needs: [['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate']],
  resourceTypes: ['AWS::EC2::LaunchTemplate'],
  doing: 'make a new default version of',
});
