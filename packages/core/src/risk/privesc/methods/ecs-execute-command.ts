import { hijackMethod } from './hijack-method.js';

/**
 * `ecs-execute-command`: open a shell in a running task of a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
export const ecsExecuteCommand = hijackMethod({
  id: 'ecs-execute-command',
  needs: [['ecs:ExecuteCommand']],
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  doing: 'open a shell in a running task of',
});
