import { passRoleMethod } from './pass-role-method.js';

/**
 * `ecs-run-task`: pass a privileged role to ecs-tasks.amazonaws.com and register an ECS task definition whose task role it is and run it.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 * @see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const ecsRunTask = passRoleMethod({
  id: 'ecs-run-task',
  // Updating an existing service to the new task definition runs it as well.
  needs: [
    ['ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    ['ecs:RegisterTaskDefinition', 'ecs:StartTask'],
    ['ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    ['ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
  ],
  services: ['ecs-tasks.amazonaws.com'],
  doing: 'register an ECS task definition whose task role it is and run it',
});
