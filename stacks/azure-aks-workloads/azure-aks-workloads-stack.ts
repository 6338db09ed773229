import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AksInternalIngress } from '../../modules/kubernetes/aks-internal-ingress';
import { AksWorkloadIdentity } from '../../modules/kubernetes/aks-workload-identity';
import { type AksAccess, helmProviderConfig, kubernetesProviderConfig } from '../../modules/kubernetes/cluster-access';
import { KubernetesApplication } from '../../modules/kubernetes/kubernetes-application';
import type { AzureAksOutputs, NoOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { azureTags } from '../private/providers';
import { EXAMPLE_APP_CHART_PATH } from '../kubernetes-workloads/chart';
import { applicationSpec, appsFor, type KubernetesConfig } from '../kubernetes-workloads/config';

/** Props of {@link AzureAksWorkloadsStack}. */
export interface AzureAksWorkloadsStackProps extends EnvironmentStackProps {
  /** The `kubernetes` section. */
  readonly config: KubernetesConfig;
  /** Outputs of `<env>-azure-aks`. */
  readonly cluster: AzureAksOutputs;
}

/** The name of an application's user-assigned identity. */
export function appIdentityName(envName: string, app: string): string {
  return `id-${envName}-${app}`;
}

/**
 * `<env>-azure-aks-workloads`: the applications of `kubernetes.apps` that name `aks`, each with a
 * user-assigned identity federated to its service account and reading only its own Key Vault
 * secrets, and the internal ingress class of the application routing add-on when an app needs it.
 *
 * Nothing is installed with Helm here: AKS ships metrics-server, the Key Vault secrets provider
 * and the application routing add-on are cluster add-ons (docs/kubernetes.md).
 */
export class AzureAksWorkloadsStack extends EnvironmentStack {
  public readonly outputs: NoOutputs = {};
  /** The applications, keyed by name. */
  public readonly apps: Record<string, KubernetesApplication> = {};

  constructor(scope: Construct, name: string, props: AzureAksWorkloadsStackProps) {
    super(scope, name, props);
    const { environment: env, config, cluster } = props;
    azurermProvider(this, env);
    const access: AksAccess = { cluster: 'aks', host: cluster.host, clusterCaCertificate: cluster.clusterCaCertificate };
    new KubernetesProvider(this, 'kubernetes', kubernetesProviderConfig(access));
    new HelmProvider(this, 'helm', helmProviderConfig(access));
    const client = new DataAzurermClientConfig(this, 'client');
    const apps = appsFor(config, 'aks');
    const keyVaultId = config.aks.keyVaultId;
    const keyVaultName = keyVaultId?.split('/').pop() ?? '';

    if (apps.some(([, app]) => app.exposure === 'internal')) new AksInternalIngress(this, 'internal-ingress');

    for (const [appName, app] of apps) {
      const spec = applicationSpec(appName, app);
      const identity = new AksWorkloadIdentity(this, `identity-${appName}`, {
        name: appIdentityName(env.name, appName),
        resourceGroupName: cluster.resourceGroupName,
        location: env.azure.location,
        oidcIssuerUrl: cluster.oidcIssuerUrl,
        namespace: appName,
        serviceAccount: appName,
        ...(keyVaultId ? { keyVaultId } : {}),
        secrets: spec.secrets ?? [],
        tags: azureTags(env),
      });
      this.apps[appName] = new KubernetesApplication(this, `app-${appName}`, {
        ...spec,
        target: { cluster: 'aks', clientId: identity.clientId, tenantId: client.tenantId, keyVaultName },
        ...(app.deployWith === 'chart' ? { chartPath: EXAMPLE_APP_CHART_PATH } : {}),
      });
      new TerraformOutput(this, `app-${appName}-client-id`, { value: identity.clientId, description: `Workload identity client id of ${appName}/${appName}` });
    }
  }
}
