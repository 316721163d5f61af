import type { EscalationMethod } from '../method.js';
import { apprunnerCreateService } from './apprunner-create-service.js';
import { apprunnerUpdateService } from './apprunner-update-service.js';
import { autoscalingExistingLaunchConfiguration } from './autoscaling-existing-launch-configuration.js';
import { autoscalingLaunchConfiguration } from './autoscaling-launch-configuration.js';
import { autoscalingLaunchTemplate } from './autoscaling-launch-template.js';
import { bedrockAgentcoreCodeInterpreter } from './bedrock-agentcore-code-interpreter.js';
import { bedrockAgentcoreInvoke } from './bedrock-agentcore-invoke.js';
import { cloudformationCreateStack } from './cloudformation-create-stack.js';
import { cloudformationStackSet } from './cloudformation-stack-set.js';
import { cloudformationUpdateStack } from './cloudformation-update-stack.js';
import { codebuildCreateProject } from './codebuild-create-project.js';
import { codebuildStartBuild } from './codebuild-start-build.js';
import { codestarCreateProject } from './codestar-create-project.js';
import { datapipelineCreate } from './datapipeline-create.js';
import { ec2AssociateInstanceProfile } from './ec2-associate-instance-profile.js';
import { ec2InstanceConnect } from './ec2-instance-connect.js';
import { ec2LaunchTemplateVersion } from './ec2-launch-template-version.js';
import { ec2ModifyUserData } from './ec2-modify-user-data.js';
import { ec2RequestSpotInstances } from './ec2-request-spot-instances.js';
import { ec2RunInstances } from './ec2-run-instances.js';
import { ec2RunInstancesNewProfile } from './ec2-run-instances-new-profile.js';
import { ecsExecuteCommand } from './ecs-execute-command.js';
import { ecsRogueContainerInstance } from './ecs-rogue-container-instance.js';
import { ecsRunTask } from './ecs-run-task.js';
import { glueCreateDevEndpoint } from './glue-create-dev-endpoint.js';
import { glueCreateJob } from './glue-create-job.js';
import { glueUpdateDevEndpoint } from './glue-update-dev-endpoint.js';
import { glueUpdateJob } from './glue-update-job.js';
import { iamAddUserToGroup } from './iam-add-user-to-group.js';
import { iamAttachGroupPolicy } from './iam-attach-group-policy.js';
import { iamAttachRolePolicy } from './iam-attach-role-policy.js';
import { iamAttachUserPolicy } from './iam-attach-user-policy.js';
import { iamCreateAccessKey } from './iam-create-access-key.js';
import { iamCreateLoginProfile } from './iam-create-login-profile.js';
import { iamCreatePolicyVersion } from './iam-create-policy-version.js';
import { iamCreateRoleAndGrant } from './iam-create-role-and-grant.js';
import { iamDeletePermissionsBoundary } from './iam-delete-permissions-boundary.js';
import { iamGrantAndRetrustRole } from './iam-grant-and-retrust-role.js';
import { iamGrantThenAssumeRole } from './iam-grant-then-assume-role.js';
import { iamGrantThenUseUser } from './iam-grant-then-use-user.js';
import { iamPutGroupPolicy } from './iam-put-group-policy.js';
import { iamPutPermissionsBoundary } from './iam-put-permissions-boundary.js';
import { iamPutRolePolicy } from './iam-put-role-policy.js';
import { iamPutUserPolicy } from './iam-put-user-policy.js';
import { iamRemoveDeny } from './iam-remove-deny.js';
import { iamSetDefaultPolicyVersion } from './iam-set-default-policy-version.js';
import { iamUpdateAssumeRolePolicy } from './iam-update-assume-role-policy.js';
import { iamUpdateLoginProfile } from './iam-update-login-profile.js';
import { lambdaCreateAddPermission } from './lambda-create-add-permission.js';
import { lambdaCreateEventSource } from './lambda-create-event-source.js';
import { lambdaCreateInvoke } from './lambda-create-invoke.js';
import { lambdaUpdateCode } from './lambda-update-code.js';
import { lambdaUpdateConfiguration } from './lambda-update-configuration.js';
import { sagemakerLifecycleConfig } from './sagemaker-lifecycle-config.js';
import { sagemakerNotebook } from './sagemaker-notebook.js';
import { sagemakerPresignedUrl } from './sagemaker-presigned-url.js';
import { sagemakerProcessingJob } from './sagemaker-processing-job.js';
import { sagemakerTrainingJob } from './sagemaker-training-job.js';
import { ssmSendCommand } from './ssm-send-command.js';
import { ssmStartSession } from './ssm-start-session.js';
import { stsAssumeRole } from './sts-assume-role.js';

/**
 * Every method of `reference/privilege-escalation.md`, in its order (tables A, B, C, D), each
 * defined in the file named by its id.
 */
export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  iamCreatePolicyVersion,
  iamSetDefaultPolicyVersion,
  iamAttachUserPolicy,
  iamAttachGroupPolicy,
  iamAttachRolePolicy,
  iamPutUserPolicy,
  iamPutGroupPolicy,
  iamPutRolePolicy,
  iamAddUserToGroup,
  iamCreateRoleAndGrant,
  iamDeletePermissionsBoundary,
  iamPutPermissionsBoundary,
  iamRemoveDeny,
  iamCreateAccessKey,
  iamCreateLoginProfile,
  iamUpdateLoginProfile,
  iamUpdateAssumeRolePolicy,
  stsAssumeRole,
  iamGrantThenUseUser,
  iamGrantThenAssumeRole,
  iamGrantAndRetrustRole,
  ec2RunInstances,
  ec2RunInstancesNewProfile,
  ec2AssociateInstanceProfile,
  ec2RequestSpotInstances,
  autoscalingLaunchConfiguration,
  autoscalingLaunchTemplate,
  lambdaCreateInvoke,
  lambdaCreateAddPermission,
  lambdaCreateEventSource,
  glueCreateDevEndpoint,
  glueCreateJob,
  glueUpdateJob,
  cloudformationCreateStack,
  cloudformationStackSet,
  datapipelineCreate,
  codebuildCreateProject,
  ecsRunTask,
  ecsRogueContainerInstance,
  sagemakerNotebook,
  sagemakerTrainingJob,
  sagemakerProcessingJob,
  apprunnerCreateService,
  bedrockAgentcoreCodeInterpreter,
  codestarCreateProject,
  lambdaUpdateCode,
  lambdaUpdateConfiguration,
  glueUpdateDevEndpoint,
  cloudformationUpdateStack,
  codebuildStartBuild,
  ec2ModifyUserData,
  ec2LaunchTemplateVersion,
  ec2InstanceConnect,
  ssmStartSession,
  ssmSendCommand,
  ecsExecuteCommand,
  sagemakerPresignedUrl,
  sagemakerLifecycleConfig,
  apprunnerUpdateService,
  bedrockAgentcoreInvoke,
  autoscalingExistingLaunchConfiguration,
];
