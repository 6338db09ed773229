import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';
import { awsEksAddonsFamily, awsEksWorkloadsFamily } from '../../../stacks/aws-eks-workloads/family';
import { kubernetesSection } from '../../../stacks/kubernetes-workloads/config';
import { environmentStackGraph } from '../../../stacks';
import { familyStack, merge, testEnvironment } from '../../helpers/environment';
import { AWS_NETWORK } from '../../helpers/outputs';
import { APP, CLUSTERS_ON, EKS, KEY_VAULT_ID, PROXY_ONLY } from '../kubernetes-workloads/clusters';

function env(app: Record<string, unknown> = {}, k8s: Record<string, unknown> = {}) {
  return testEnvironment(merge(CLUSTERS_ON, { kubernetes: { enabled: true, aks: { keyVaultId: KEY_VAULT_ID }, gke: { proxyOnlySubnetCidr: PROXY_ONLY }, apps: { 'example-app': { ...APP, ...app } }, ...k8s } }));
}
const UPSTREAM = { 'aws-eks': EKS, 'aws-network': AWS_NETWORK, 'aws-eks-addons': {} };

function synth(family = awsEksWorkloadsFamily, e = env()): any {
  return JSON.parse(Testing.synth(familyStack(family, e, UPSTREAM)));
}

describe('aws-eks-addons stack', () => {
  it('installs the platform charts on the cluster of the contract, through the aws eks get-token plugin', () => {
    const json = synth(awsEksAddonsFamily);
    expect(Object.values<any>(json.resource.helm_release).map((r) => r.name).sort()).toEqual(['aws-load-balancer-controller', 'karpenter', 'metrics-server', 'secrets-store-csi-driver-provider-aws']);
    expect(json.provider.helm[0].kubernetes).toMatchObject({
      host: EKS.endpoint,
      exec: { command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'test-eks', '--region', 'eu-west-1', '--output', 'json'] },
    });
    expect(json.provider.kubernetes).toBeUndefined();
  });
});

describe('aws-eks-workloads stack', () => {
  it('deploys each app that names eks with an IRSA role that reads only its secrets', () => {
    const json = synth();
    const role = Object.values<any>(json.resource.aws_iam_role)[0];
    expect(role.name).toBe('test-example-app-app');
    const doc = Object.values<any>(json.data.aws_iam_policy_document).find((d) => d.statement?.[0]?.sid === 'ReadOwnSecrets');
    expect(doc.statement[0]).toMatchObject({ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:example-app-api-key-??????'] });
    const trust = Object.values<any>(json.data.aws_iam_policy_document).find((d) => d.statement?.[0]?.actions?.[0] === 'sts:AssumeRoleWithWebIdentity');
    expect(JSON.stringify(trust)).toContain('system:serviceaccount:example-app:example-app');
  });

  it('emits only valid, restricted objects, with the VPC CIDR as the ALB source', () => {
    const manifests = Object.values<any>(synth().resource.kubernetes_manifest).map((r) => r.manifest);
    for (const m of manifests) expect([m.kind, manifestProblems(m)]).toEqual([m.kind, []]);
    const ingressPolicy = manifests.find((m) => m.metadata.name === 'allow-from-ingress');
    expect(ingressPolicy.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: AWS_NETWORK.vpcCidr } }]);
    expect(manifests.map((m) => m.kind)).toEqual(expect.arrayContaining(['NodePool', 'EC2NodeClass', 'Deployment']));
  });

  it('reaches the cluster through the exec plugin, never a static credential', () => {
    const json = synth();
    expect(json.provider.kubernetes[0].exec[0].command).toBe('aws');
    expect(json.provider.kubernetes[0].token).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/client_key|"token"/);
  });

  it('deploys through the local chart when the app says deployWith: chart', () => {
    const json = synth(awsEksWorkloadsFamily, env({ deployWith: 'chart' }));
    const release = Object.values<any>(json.resource.helm_release)[0];
    expect(release).toMatchObject({ name: 'example-app', namespace: 'example-app', atomic: true });
    expect(parse(release.values[0]).chartChecksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves Karpenter NodePool out when kubernetes.karpenterNodePool is false', () => {
    const manifests = Object.values<any>(synth(awsEksWorkloadsFamily, env({}, { karpenterNodePool: false })).resource.kubernetes_manifest).map((r) => r.manifest.kind);
    expect(manifests).not.toContain('NodePool');
  });

  it('comes after the cluster and its add-ons in the stack graph, and is off without kubernetes.enabled', () => {
    const graph = environmentStackGraph(env());
    expect(graph.find((n) => n.name === 'test-aws-eks-workloads')!.dependsOn).toEqual(expect.arrayContaining(['test-aws-eks', 'test-aws-eks-addons']));
    const off = testEnvironment(CLUSTERS_ON);
    expect(off.section(kubernetesSection).enabled).toBe(false);
    expect(environmentStackGraph(off).map((n) => n.name)).not.toContain('test-aws-eks-addons');
  });
});
