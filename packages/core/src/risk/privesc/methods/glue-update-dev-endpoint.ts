import { hijackMethod } from './hijack-method.js';

/**
 * `glue-update-dev-endpoint`: add its SSH key to a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateDevEndpoint.html
 */
export const glueUpdateDevEndpoint = hijackMethod({
  id: 'glue-update-dev-endpoint',
  needs: [['glue:UpdateDevEndpoint']],
  resourceTypes: ['AWS::Glue::DevEndpoint'],
  doing: 'add its SSH key to',
});
