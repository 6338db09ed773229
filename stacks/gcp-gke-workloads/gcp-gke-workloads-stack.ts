import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { type GkeAccess, helmProviderConfig, kubernetesProviderConfig } from '../../modules/kubernetes/cluster-access';
import { GkeWorkloadIdentity } from '../../modules/kubernetes/gke-workload-identity';
import { KubernetesApplication } from '../../modules/kubernetes/kubernetes-application';
import type { GcpGkeOutputs, NoOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { EXAMPLE_APP_CHART_PATH } from '../kubernetes-workloads/chart';
import { applicationSpec, appsFor, type KubernetesConfig } from '../kubernetes-workloads/config';

/** Props of {@link GcpGkeWorkloadsStack}. */
export interface GcpGkeWorkloadsStackProps extends EnvironmentStackProps {
  /** The `kubernetes` section. */
  readonly config: KubernetesConfig;
  /** Outputs of `<env>-gcp-gke`. */
  readonly cluster: GcpGkeOutputs;
}

/**
 * `<env>-gcp-gke-workloads`: the applications of `kubernetes.apps` that name `gke`, each with a
 * Google service account bound through Workload Identity and reading only its own secrets.
 *
 * Nothing is installed with Helm here: GKE ships metrics-server, its ingress path is the built-in
 * GCE Ingress controller, and secrets come through GKE's Secret Manager add-on (docs/kubernetes.md).
 */
export class GcpGkeWorkloadsStack extends EnvironmentStack {
  public readonly outputs: NoOutputs = {};
  /** The applications, keyed by name. */
  public readonly apps: Record<string, KubernetesApplication> = {};

  constructor(scope: Construct, name: string, props: GcpGkeWorkloadsStackProps) {
    super(scope, name, props);
    const { environment: env, config, cluster } = props;
    googleProvider(this, env);
    const access: GkeAccess = { cluster: 'gke', endpoint: cluster.endpoint, caCertificate: cluster.caCertificate };
    new KubernetesProvider(this, 'kubernetes', kubernetesProviderConfig(access));
    new HelmProvider(this, 'helm', helmProviderConfig(access));

    for (const [appName, app] of appsFor(config, 'gke')) {
      const spec = applicationSpec(appName, app);
      const identity = new GkeWorkloadIdentity(this, `identity-${appName}`, {
        project: env.gcp.projectId,
        workloadIdentityPool: cluster.workloadIdentityPool,
        namespace: appName,
        serviceAccount: appName,
        secrets: spec.secrets ?? [],
      });
      this.apps[appName] = new KubernetesApplication(this, `app-${appName}`, {
        ...spec,
        target: {
          cluster: 'gke',
          serviceAccountEmail: identity.email,
          projectId: env.gcp.projectId,
          ...(config.gke.proxyOnlySubnetCidr ? { ingressSourceCidrs: [config.gke.proxyOnlySubnetCidr] } : {}),
        },
        ...(app.deployWith === 'chart' ? { chartPath: EXAMPLE_APP_CHART_PATH } : {}),
      });
      new TerraformOutput(this, `app-${appName}-service-account`, { value: identity.email, description: `Google service account of ${appName}/${appName}` });
    }
  }
}
