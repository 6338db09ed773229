import type { AwsEksOutputs, AzureAksOutputs, GcpGkeOutputs } from '../../../stacks/contracts';

/** Environment fields that turn on each cluster in a test environment. */
export const CLUSTERS_ON = {
  aws: { eks: { enabled: true, adminRoleArns: ['arn:aws:iam::123456789012:role/platform-admin'], nodeGroups: { system: {} }, karpenter: { enabled: true } } },
  gcp: { gke: { enabled: true, nodePools: { general: {} } } },
  azure: { aks: { enabled: true, adminGroupObjectIds: ['11111111-2222-3333-4444-555555555555'] } },
  addressPlan: { reserved: { 'aks-pods': '10.40.0.0/16', 'aks-services': '10.41.0.0/16' } },
};

/** An application entry of `kubernetes.apps`. */
export const APP = {
  clusters: ['eks', 'gke', 'aks'],
  image: 'ghcr.io/example/example-app:1.4.2',
  ports: [{ name: 'http', containerPort: 8080 }],
  resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  secrets: ['example-app-api-key'],
  exposure: 'internal',
};

export const KEY_VAULT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-apps/providers/Microsoft.KeyVault/vaults/kv-test-apps';

export const EKS: AwsEksOutputs = {
  clusterName: 'test-eks',
  endpoint: 'https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com',
  certificateAuthorityData: 'Q0E=',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF',
  oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF',
  nodeSecurityGroupId: 'sg-0123456789abcdef0',
  loadBalancerControllerRoleArn: 'arn:aws:iam::123456789012:role/test-eks-alb-controller',
  karpenter: { controllerRoleArn: 'arn:aws:iam::123456789012:role/test-eks-karpenter', nodeRoleName: 'test-eks-karpenter-node', instanceProfileName: 'test-eks-karpenter-node', queueName: 'test-eks-karpenter' },
};

export const GKE: GcpGkeOutputs = { clusterName: 'test-gke', endpoint: '10.1.0.2', caCertificate: 'Q0E=', location: 'europe-west1', workloadIdentityPool: 'acme-test-1.svc.id.goog' };

export const AKS: AzureAksOutputs = {
  clusterName: 'aks-test',
  resourceGroupName: 'rg-test-aks',
  clusterId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-aks/providers/Microsoft.ContainerService/managedClusters/aks-test',
  host: 'https://aks-test.privatelink.westeurope.azmk8s.io:443',
  clusterCaCertificate: 'Q0E=',
  oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
  kubeletIdentity: { objectId: 'o', clientId: 'c', userAssignedIdentityId: 'u' },
};

/** The proxy-only subnet of GKE's internal Application Load Balancers. */
export const PROXY_ONLY = '10.1.32.0/23';
