import { hijackMethod } from './hijack-method.js';

/**
 * `ec2-modify-user-data`: change the user data of a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
 */
export const ec2ModifyUserData = hijackMethod({
  id: 'ec2-modify-user-data',
  needs: [['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances']],
  resourceTypes: ['AWS::EC2::Instance'],
  doing: 'change the user data of',
});
