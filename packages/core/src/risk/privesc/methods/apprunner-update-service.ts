import { hijackMethod } from './hijack-method.js';

/**
 * `apprunner-update-service`: change the source and start command of a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/apprunner/latest/api/API_UpdateService.html
 */
export const apprunnerUpdateService = hijackMethod({
  id: 'apprunner-update-service',
  needs: [['apprunner:UpdateService']],
  resourceTypes: ['AWS::AppRunner::Service'],
  doing: 'change the source and start command of',
});
