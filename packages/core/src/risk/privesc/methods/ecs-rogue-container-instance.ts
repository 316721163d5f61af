import { passRoleMethod } from './pass-role-method.js';

/**
 * `ecs-rogue-container-instance`: pass a privileged role to ecs-tasks.amazonaws.com and start a task with it on a container instance it registers itself.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const ecsRogueContainerInstance = passRoleMethod({
  id: 'ecs-rogue-container-instance',
  needs: [['ecs:StartTask', 'ecs:RegisterContainerInstance', 'ecs:DeregisterContainerInstance']],
  services: ['ecs-tasks.amazonaws.com'],
  doing: 'start a task with it on a container instance it registers itself',
});
