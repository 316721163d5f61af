import { hijackMethod } from './hijack-method.js';

/**
 * `cloudformation-update-stack`: change the template of a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 */
export const cloudformationUpdateStack = hijackMethod({
  id: 'cloudformation-update-stack',
  needs: [
    ['cloudformation:UpdateStack'],
    ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
  ],
  resourceTypes: ['AWS::CloudFormation::Stack'],
  doing: 'change the template of',
});
