import { passRoleMethod } from './pass-role-method.js';

/**
 * `bedrock-agentcore-code-interpreter`: pass a privileged role to bedrock-agentcore.amazonaws.com and create a Bedrock AgentCore code interpreter that runs as it and run code in it.
 *
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const bedrockAgentcoreCodeInterpreter = passRoleMethod({
  id: 'bedrock-agentcore-code-interpreter',
  needs: [
    [
      'bedrock-agentcore:CreateCodeInterpreter',
      'bedrock-agentcore:StartCodeInterpreterSession',
      'bedrock-agentcore:InvokeCodeInterpreter',
    ],
  ],
  services: ['bedrock-agentcore.amazonaws.com'],
  doing: 'create a Bedrock AgentCore code interpreter that runs as it and run code in it',
});
