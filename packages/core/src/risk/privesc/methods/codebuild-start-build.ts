import { hijackMethod } from './hijack-method.js';

/**
 * `codebuild-start-build`: start a build with its own buildspec in a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/codebuild/latest/APIReference/API_StartBuild.html
 */
export const codebuildStartBuild = hijackMethod({
  id: 'codebuild-start-build',
  needs: [['codebuild:StartBuild'], ['codebuild:StartBuildBatch']],
  resourceTypes: ['AWS::CodeBuild::Project'],
  doing: 'start a build with its own buildspec in',
});
