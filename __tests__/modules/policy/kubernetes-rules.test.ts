import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type {
  DeploymentV1SpecTemplateSpec,
  DeploymentV1SpecTemplateSpecContainer,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodV1 } from '@cdktf/provider-kubernetes/lib/pod-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { Construct } from 'constructs';
import type { RuleFixture } from './fixtures';
import { describeRuleFixtures } from './fixtures';

const IMAGE = 'registry.example.com/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** A container that passes every pod rule; each fixture breaks one thing. */
const GOOD: DeploymentV1SpecTemplateSpecContainer = {
  name: 'api',
  image: IMAGE,
  securityContext: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
  },
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  livenessProbe: { httpGet: { path: '/healthz', port: '8080' } },
  readinessProbe: { httpGet: { path: '/ready', port: '8080' } },
};

function deployment(
  s: Construct,
  container: Partial<DeploymentV1SpecTemplateSpecContainer> = {},
  pod: Partial<DeploymentV1SpecTemplateSpec> = {}
): DeploymentV1 {
  return new DeploymentV1(s, 'deployment', {
    metadata: { name: 'api', namespace: 'apps' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          container: [{ ...GOOD, ...container }],
          ...pod,
        },
      },
    },
  });
}

const FIXTURES: RuleFixture[] = [
  {
    rule: 'K8S-POD-1',
    // a pod (not a deployment): the pod-level run_as_non_root counts for its containers
    build: (s, ok) =>
      new PodV1(s, 'pod', {
        metadata: { name: 'api' },
        spec: {
          securityContext: ok ? { runAsNonRoot: true } : {},
          container: [{ ...GOOD, securityContext: { ...GOOD.securityContext, runAsNonRoot: undefined } }],
        },
      }),
  },
  {
    rule: 'K8S-POD-2',
    build: (s, ok) => deployment(s, { securityContext: { ...GOOD.securityContext, readOnlyRootFilesystem: ok } }),
  },
  {
    rule: 'K8S-POD-3',
    build: (s, ok) => deployment(s, { securityContext: { ...GOOD.securityContext, allowPrivilegeEscalation: !ok } }),
  },
  {
    rule: 'K8S-POD-4',
    // init containers count too
    build: (s, ok) =>
      deployment(
        s,
        {},
        {
          initContainer: [
            { name: 'migrate', image: IMAGE, securityContext: { capabilities: { drop: ok ? ['ALL'] : ['NET_RAW'] } } },
          ],
        }
      ),
  },
  {
    rule: 'K8S-POD-5',
    build: (s, ok) => deployment(s, { securityContext: { ...GOOD.securityContext, privileged: !ok } }),
  },
  { rule: 'K8S-POD-6', build: (s, ok) => deployment(s, {}, { hostNetwork: !ok }) },
  { rule: 'K8S-POD-7', build: (s, ok) => deployment(s, {}, { hostPid: !ok }) },
  { rule: 'K8S-POD-8', build: (s, ok) => deployment(s, {}, { hostIpc: !ok }) },
  {
    rule: 'K8S-POD-9',
    build: (s, ok) => deployment(s, { resources: { requests: ok ? { cpu: '1', memory: '1Gi' } : { cpu: '1' } } }),
  },
  {
    rule: 'K8S-POD-10',
    build: (s, ok) =>
      deployment(s, {
        resources: { requests: { cpu: '1', memory: '1Gi' }, limits: ok ? { memory: '1Gi' } : { cpu: '1' } },
      }),
  },
  { rule: 'K8S-POD-11', build: (s, ok) => deployment(s, { livenessProbe: ok ? GOOD.livenessProbe : undefined }) },
  { rule: 'K8S-POD-12', build: (s, ok) => deployment(s, { readinessProbe: ok ? GOOD.readinessProbe : undefined }) },
  {
    rule: 'K8S-POD-13',
    // a cron job: the pod spec sits under spec.job_template.spec.template.spec
    build: (s, ok) =>
      new CronJobV1(s, 'cron', {
        metadata: { name: 'report' },
        spec: {
          schedule: '0 * * * *',
          jobTemplate: {
            metadata: {},
            spec: {
              template: {
                metadata: {},
                spec: { container: [{ name: 'report', image: ok ? 'report:1.4.2' : 'report:latest' }] },
              },
            },
          },
        },
      }),
  },
  { rule: 'K8S-POD-14', build: (s, ok) => deployment(s, { image: ok ? IMAGE : 'registry.example.com/api:1.2.3' }) },
  {
    rule: 'K8S-POD-15',
    build: (s, ok) =>
      deployment(s, {}, { securityContext: { seccompProfile: { type: ok ? 'RuntimeDefault' : 'Unconfined' } } }),
  },
  { rule: 'K8S-POD-16', build: (s, ok) => deployment(s, {}, { automountServiceAccountToken: !ok }) },
  {
    rule: 'K8S-NET-1',
    build: (s, ok) => {
      const ns = new NamespaceV1(s, 'ns', { metadata: { name: 'apps' } });
      new NetworkPolicyV1(s, 'deny', {
        metadata: { name: 'default-deny', namespace: ok ? ns.metadata.name : 'other' },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
      return ns;
    },
  },
  {
    rule: 'K8S-NET-2',
    build: (s, ok) =>
      new NetworkPolicyV1(s, 'policy', {
        metadata: { name: 'p', namespace: 'apps' },
        spec: { podSelector: {}, policyTypes: ok ? ['Ingress'] : ['Egress'] },
      }),
  },
  {
    rule: 'K8S-SVC-1',
    build: (s, ok) =>
      new ServiceV1(s, 'svc', {
        metadata: { name: 'api' },
        spec: { type: ok ? 'ClusterIP' : 'NodePort', port: [{ port: 80 }] },
      }),
  },
];

/** A raw manifest (camelCase, `containers`): the pod rules read it like the provider's own resources. */
const MANIFEST_FIXTURES: RuleFixture[] = [
  {
    rule: 'K8S-POD-6',
    build: (s, ok) =>
      new Manifest(s, 'manifest', {
        manifest: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api', namespace: 'apps' },
          spec: { template: { spec: { hostNetwork: !ok, containers: [{ name: 'api', image: IMAGE }] } } },
        },
      }),
  },
  {
    rule: 'K8S-POD-1',
    build: (s, ok) =>
      new Manifest(s, 'manifest', {
        manifest: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'api' },
          spec: {
            containers: [{ name: 'api', image: IMAGE, securityContext: ok ? { runAsUser: 1000 } : { runAsUser: 0 } }],
          },
        },
      }),
  },
];

describe('Kubernetes policy rules', () => {
  describeRuleFixtures('K8S-', FIXTURES);
  describe('on kubernetes_manifest', () => {
    describeRuleFixtures(undefined, MANIFEST_FIXTURES);
  });
});
