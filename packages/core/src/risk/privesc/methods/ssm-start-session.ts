import { hijackMethod } from './hijack-method.js';

/**
 * `ssm-start-session`: open a Session Manager shell on a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
 */
export const ssmStartSession = hijackMethod({
  id: 'ssm-start-session',
  needs: [['ssm:StartSession']],
  resourceTypes: ['AWS::EC2::Instance'],
  doing: 'open a Session Manager shell on',
});
