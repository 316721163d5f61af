import { passRoleMethod } from './pass-role-method.js';

/**
 * `codebuild-create-project`: pass a privileged role to codebuild.amazonaws.com and create or change a CodeBuild project that runs as it and start a build.
 *
 * @see https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const codebuildCreateProject = passRoleMethod({
  id: 'codebuild-create-project',
  needs: [
    ['codebuild:CreateProject', 'codebuild:StartBuild'],
    ['codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    ['codebuild:UpdateProject', 'codebuild:StartBuild'],
    ['codebuild:UpdateProject', 'codebuild:StartBuildBatch'],
  ],
  services: ['codebuild.amazonaws.com'],
  doing: 'create or change a CodeBuild project that runs as it and start a build',
});
