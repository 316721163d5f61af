import { hijackMethod } from './hijack-method.js';

/**
 * `lambda-update-code`: replace the code of a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html
 */
export const lambdaUpdateCode = hijackMethod({
  id: 'lambda-update-code',
  needs: [['lambda:UpdateFunctionCode']],
  resourceTypes: ['AWS::Lambda::Function'],
  doing: 'replace the code of',
});
