import { Testing } from 'cdktf';
import { addClusterProviders, helmProviderConfig, kubernetesProviderConfig, type ClusterAccess } from '../../../modules/kubernetes/cluster-access';

const EKS: ClusterAccess = { cluster: 'eks', clusterName: 'test-eks', endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com', certificateAuthorityData: 'Q0E=', region: 'eu-west-1' };
const GKE: ClusterAccess = { cluster: 'gke', endpoint: '10.1.0.2', caCertificate: 'Q0E=' };
const AKS: ClusterAccess = { cluster: 'aks', host: 'https://test-aks.privatelink.westeurope.azmk8s.io:443', clusterCaCertificate: 'Q0E=' };

describe('cluster access', () => {
  it.each<[string, ClusterAccess, string, string[]]>([
    ['EKS', EKS, 'aws', ['eks', 'get-token', '--cluster-name', 'test-eks', '--region', 'eu-west-1', '--output', 'json']],
    ['GKE', GKE, 'gke-gcloud-auth-plugin', []],
    ['AKS', AKS, 'kubelogin', ['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630']],
  ])('authenticates to %s with its exec plugin only', (_, access, command, args) => {
    const json = JSON.parse(Testing.synthScope((scope) => void addClusterProviders(scope, access)));
    const k8s = json.provider.kubernetes[0];
    const helm = json.provider.helm[0];
    expect(k8s.exec).toEqual([{ api_version: 'client.authentication.k8s.io/v1beta1', command, args }]);
    expect(helm.kubernetes.exec).toEqual({ api_version: 'client.authentication.k8s.io/v1beta1', command, args });
    for (const config of [k8s, helm.kubernetes]) {
      for (const forbidden of ['token', 'client_key', 'client_certificate', 'password', 'username', 'config_path', 'insecure']) expect(config[forbidden]).toBeUndefined();
      expect(config.cluster_ca_certificate).toBe('${base64decode("Q0E=")}');
    }
  });

  it('adds the scheme to the GKE endpoint (an address) and uses the others as URLs', () => {
    expect(kubernetesProviderConfig(GKE).host).toBe('https://10.1.0.2');
    expect(kubernetesProviderConfig(EKS).host).toBe('https://ABC.gr7.eu-west-1.eks.amazonaws.com');
    expect(helmProviderConfig(AKS).kubernetes!.host).toBe('https://test-aks.privatelink.westeurope.azmk8s.io:443');
  });

  it('assumes a role first when one is given (EKS) and logs in with workload identity when asked (AKS)', () => {
    expect(kubernetesProviderConfig({ ...EKS, roleArn: 'arn:aws:iam::123456789012:role/deploy' } as ClusterAccess).exec).toEqual([
      expect.objectContaining({ args: expect.arrayContaining(['--role-arn', 'arn:aws:iam::123456789012:role/deploy']) }),
    ]);
    expect(helmProviderConfig({ ...AKS, loginMode: 'workloadidentity' } as ClusterAccess).kubernetes!.exec!.args).toContain('workloadidentity');
  });
});
