import { hijackMethod } from './hijack-method.js';

/**
 * `lambda-update-configuration`: add a malicious layer to a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 */
export const lambdaUpdateConfiguration = hijackMethod({
  id: 'lambda-update-configuration',
  needs: [['lambda:UpdateFunctionConfiguration']],
  resourceTypes: ['AWS::Lambda::Function'],
  doing: 'add a malicious layer to',
});
