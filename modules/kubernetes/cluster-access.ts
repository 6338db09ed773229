import { HelmProvider, type HelmProviderConfig } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider, type KubernetesProviderConfig } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * How Terraform reaches a cluster's API: its endpoint and CA, and the cloud's exec credential plugin.
 *
 * Only exec plugins are used: the token is minted at plan/apply time by the caller's own cloud login
 * (`aws eks get-token`, `gke-gcloud-auth-plugin`, `kubelogin`) and never written to configuration or
 * state, unlike a static token or client key.
 *
 * @see https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs#exec-plugins
 */

/** The client.authentication.k8s.io version all three plugins speak. */
export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/** Entra ID application id of the AKS AAD server, the audience kubelogin asks a token for. @see https://azure.github.io/kubelogin/concepts/aks.html */
export const AKS_AAD_SERVER_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** kubelogin login modes suited to Terraform (a person's CLI login, or CI's federated workload identity). */
export const KUBELOGIN_MODES = ['azurecli', 'workloadidentity'] as const;

/** An EKS cluster, as its stack publishes it. */
export interface EksAccess {
  readonly cluster: 'eks';
  readonly clusterName: string;
  /** API server URL (`https://...eks.amazonaws.com`). */
  readonly endpoint: string;
  /** Base64 PEM of the cluster CA. */
  readonly certificateAuthorityData: string;
  /** Region of the cluster (passed to `aws eks get-token`). */
  readonly region: string;
  /** Role `aws eks get-token` assumes first. @default - the caller's own credentials */
  readonly roleArn?: string;
}

/** A GKE cluster, as its stack publishes it. */
export interface GkeAccess {
  readonly cluster: 'gke';
  /** Private or public endpoint: an IP address or host, without scheme. */
  readonly endpoint: string;
  /** Base64 PEM of the cluster CA. */
  readonly caCertificate: string;
}

/** An AKS cluster (Entra ID integrated, local accounts disabled), as its stack publishes it. */
export interface AksAccess {
  readonly cluster: 'aks';
  /** API server URL (`https://...azmk8s.io:443`). */
  readonly host: string;
  /** Base64 PEM of the cluster CA. */
  readonly clusterCaCertificate: string;
  /** @default 'azurecli' */
  readonly loginMode?: (typeof KUBELOGIN_MODES)[number];
}

export type ClusterAccess = EksAccess | GkeAccess | AksAccess;

/** The exec plugin of a cluster: command and arguments. */
export function execCredential(access: ClusterAccess): { apiVersion: string; command: string; args: string[] } {
  switch (access.cluster) {
    case 'eks':
      return {
        apiVersion: EXEC_API_VERSION,
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', access.clusterName, '--region', access.region, '--output', 'json', ...(access.roleArn ? ['--role-arn', access.roleArn] : [])],
      };
    case 'gke':
      return { apiVersion: EXEC_API_VERSION, command: 'gke-gcloud-auth-plugin', args: [] };
    case 'aks':
      return {
        apiVersion: EXEC_API_VERSION,
        command: 'kubelogin',
        args: ['get-token', '--login', access.loginMode ?? 'azurecli', '--server-id', AKS_AAD_SERVER_ID],
      };
  }
}

/** Endpoint URL and decoded CA of a cluster. */
function endpointOf(access: ClusterAccess): { host: string; clusterCaCertificate: string } {
  switch (access.cluster) {
    case 'eks':
      return { host: access.endpoint, clusterCaCertificate: Fn.base64decode(access.certificateAuthorityData) };
    case 'gke':
      return { host: `https://${access.endpoint}`, clusterCaCertificate: Fn.base64decode(access.caCertificate) };
    case 'aks':
      return { host: access.host, clusterCaCertificate: Fn.base64decode(access.clusterCaCertificate) };
  }
}

/** Kubernetes provider settings for a cluster: endpoint, CA, exec plugin; no token, no client key. */
export function kubernetesProviderConfig(access: ClusterAccess): KubernetesProviderConfig {
  return { ...endpointOf(access), exec: [execCredential(access)] };
}

/** Helm provider settings for a cluster (helm provider 3.x: `kubernetes` is one object). */
export function helmProviderConfig(access: ClusterAccess): HelmProviderConfig {
  return { kubernetes: { ...endpointOf(access), exec: execCredential(access) } };
}

/** Adds the kubernetes and helm providers of one cluster to a stack (providers belong to stacks: call this from one). */
export function addClusterProviders(scope: Construct, access: ClusterAccess): { kubernetes: KubernetesProvider; helm: HelmProvider } {
  return {
    kubernetes: new KubernetesProvider(scope, 'kubernetes', kubernetesProviderConfig(access)),
    helm: new HelmProvider(scope, 'helm', helmProviderConfig(access)),
  };
}
