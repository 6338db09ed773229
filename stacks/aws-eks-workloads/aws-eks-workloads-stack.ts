import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { IrsaRole } from '../../modules/aws/irsa-role';
import { type EksAccess, helmProviderConfig, kubernetesProviderConfig } from '../../modules/kubernetes/cluster-access';
import { KarpenterNodePool } from '../../modules/kubernetes/karpenter-node-pool';
import { KubernetesApplication } from '../../modules/kubernetes/kubernetes-application';
import type { AwsEksOutputs, AwsNetworkOutputs, NoOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { EXAMPLE_APP_CHART_PATH } from '../kubernetes-workloads/chart';
import { applicationSpec, appsFor, type KubernetesConfig } from '../kubernetes-workloads/config';
import { awsPartition } from '../../modules/core/regions';

/** Props of {@link AwsEksWorkloadsStack}. */
export interface AwsEksWorkloadsStackProps extends EnvironmentStackProps {
  /** The `kubernetes` section. */
  readonly config: KubernetesConfig;
  /** Outputs of `<env>-aws-eks`. */
  readonly cluster: AwsEksOutputs;
  /** Outputs of `<env>-aws-network`: the VPC CIDR the ALBs reach the pods from. */
  readonly network: AwsNetworkOutputs;
}

/** The IAM role name of an application's service account. */
export function appRoleName(envName: string, app: string): string {
  return `${envName}-${app}-app`;
}

/**
 * `<env>-aws-eks-workloads`: the applications of `kubernetes.apps` that name `eks`, each with an
 * IRSA role (reading only its own Secrets Manager secrets), and Karpenter's default NodePool.
 */
export class AwsEksWorkloadsStack extends EnvironmentStack {
  public readonly outputs: NoOutputs = {};
  /** The applications, keyed by name. */
  public readonly apps: Record<string, KubernetesApplication> = {};

  constructor(scope: Construct, name: string, props: AwsEksWorkloadsStackProps) {
    super(scope, name, props);
    const { environment: env, config, cluster, network } = props;
    awsProvider(this, env);
    const access: EksAccess = { cluster: 'eks', clusterName: cluster.clusterName, endpoint: cluster.endpoint, certificateAuthorityData: cluster.certificateAuthorityData, region: env.aws.region };
    new KubernetesProvider(this, 'kubernetes', kubernetesProviderConfig(access));
    new HelmProvider(this, 'helm', helmProviderConfig(access));

    if (cluster.karpenter && config.karpenterNodePool) {
      new KarpenterNodePool(this, 'karpenter', { clusterName: cluster.clusterName, nodeRoleName: cluster.karpenter.nodeRoleName });
    }

    for (const [appName, app] of appsFor(config, 'eks')) {
      const spec = applicationSpec(appName, app);
      const secretArns = (spec.secrets ?? []).map((s) => `arn:${awsPartition(env.aws.region)}:secretsmanager:${env.aws.region}:${env.aws.accountId}:secret:${s}-??????`);
      const role = new IrsaRole(this, `role-${appName}`, {
        roleName: appRoleName(env.name, appName),
        oidcProviderArn: cluster.oidcProviderArn,
        oidcIssuerUrl: cluster.oidcIssuerUrl,
        namespace: appName,
        serviceAccount: appName,
        // Only what the spec gives: reading its own secrets (the CSI driver mounts them with this role).
        ...(secretArns.length > 0 ? { statements: [{ sid: 'ReadOwnSecrets', effect: 'Allow', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: secretArns }] } : {}),
      });
      this.apps[appName] = new KubernetesApplication(this, `app-${appName}`, {
        ...spec,
        target: { cluster: 'eks', roleArn: role.roleArn, region: env.aws.region, ingressSourceCidrs: [network.vpcCidr] },
        ...(app.deployWith === 'chart' ? { chartPath: EXAMPLE_APP_CHART_PATH } : {}),
      });
      new TerraformOutput(this, `app-${appName}-role-arn`, { value: role.roleArn, description: `IRSA role of ${appName}/${appName}` });
    }
  }
}
