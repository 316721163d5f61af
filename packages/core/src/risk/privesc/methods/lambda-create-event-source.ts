import { passRoleMethod } from './pass-role-method.js';

/**
 * `lambda-create-event-source`: pass a privileged role to lambda.amazonaws.com and create a Lambda function that runs as it, triggered by an event source.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const lambdaCreateEventSource = passRoleMethod({
  id: 'lambda-create-event-source',
  needs: [['lambda:CreateFunction', 'lambda:CreateEventSourceMapping']],
  services: ['lambda.amazonaws.com'],
  doing: 'create a Lambda function that runs as it, triggered by an event source',
});
