import { hijackMethod } from './hijack-method.js';

/**
 * `bedrock-agentcore-invoke`: run its code in a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/code-interpreter-tool.html
 */
export const bedrockAgentcoreInvoke = hijackMethod({
  id: 'bedrock-agentcore-invoke',
  needs: [
    ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    ['bedrock-agentcore:InvokeAgentRuntimeCommand'],
  ],
  resourceTypes: ['AWS::BedrockAgentCore::CodeInterpreterCustom', 'AWS::BedrockAgentCore::Runtime'],
  doing: 'run its code in',
});
