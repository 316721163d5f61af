import { hijackMethod } from './hijack-method.js';

/**
 * `ssm-send-command`: run commands with Run Command on a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command.html
 */
export const ssmSendCommand = hijackMethod({
  id: 'ssm-send-command',
  needs: [['ssm:SendCommand']],
  resourceTypes: ['AWS::EC2::Instance'],
  doing: 'run commands with Run Command on',
});
