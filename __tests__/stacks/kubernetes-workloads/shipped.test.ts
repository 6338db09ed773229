import { Testing } from 'cdktf';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';
import { addEnvironmentStacks, environmentStackGraph } from '../../../stacks';
import { kubernetesSection } from '../../../stacks/kubernetes-workloads/config';
import { loadEnvironments } from '../../helpers/environment';

describe('shipped environments', () => {
  const envs = loadEnvironments('config').filter((e) => ['staging', 'prod'].includes(e.config.name));

  it.each(['staging', 'prod'])('%s deploys the example app to EKS, GKE and AKS', (name) => {
    const env = envs.find((e) => e.config.name === name)!.config;
    expect(env.section(kubernetesSection).apps['example-app']!.clusters).toEqual(['eks', 'gke', 'aks']);
    const stacks = environmentStackGraph(env).map((n) => n.name);
    expect(stacks).toEqual(expect.arrayContaining([`${name}-aws-eks-addons`, `${name}-aws-eks-workloads`, `${name}-gcp-gke-workloads`, `${name}-azure-aks-workloads`]));
  });

  it('staging deploys through the local chart, prod through manifests', () => {
    const section = (name: string) => envs.find((e) => e.config.name === name)!.config.section(kubernetesSection);
    expect(section('staging').apps['example-app']!.deployWith).toBe('chart');
    expect(section('prod').apps['example-app']!.deployWith).toBe('manifests');
  });

  it('synthesizes only valid, restricted Kubernetes objects for prod', () => {
    const prod = envs.find((e) => e.config.name === 'prod')!.config;
    const stacks = addEnvironmentStacks(Testing.app(), prod);
    for (const family of ['aws-eks-workloads', 'gcp-gke-workloads', 'azure-aks-workloads']) {
      const json = JSON.parse(Testing.synth(stacks.get(family)!));
      const manifests = Object.values<any>(json.resource.kubernetes_manifest).map((r) => r.manifest);
      expect(manifests.length).toBeGreaterThan(10);
      for (const m of manifests) expect([family, m.kind, m.metadata.name, manifestProblems(m)]).toEqual([family, m.kind, m.metadata.name, []]);
    }
  });
});
