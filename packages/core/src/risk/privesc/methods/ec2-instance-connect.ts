import { hijackMethod } from './hijack-method.js';

/**
 * `ec2-instance-connect`: push its SSH key to a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-connect-methods.html
 */
export const ec2InstanceConnect = hijackMethod({
  id: 'ec2-instance-connect',
  needs: [['ec2-instance-connect:SendSSHPublicKey']],
  resourceTypes: ['AWS::EC2::Instance'],
  doing: 'push its SSH key to',
});
