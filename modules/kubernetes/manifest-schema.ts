import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { restrictedObjectProblems } from './pod-security';

/**
 * Checks of a Kubernetes object before it is emitted: the Kubernetes 1.33 OpenAPI schema (through
 * the `kubernetes-models` validators) for built-in kinds, a structural check for the custom
 * resources used here (their CRDs ship with add-ons, not with kubernetes-models), and the Pod
 * Security Standards `restricted` profile for objects that run pods.
 */

/** Built-in kinds and the kubernetes-models class that validates them, keyed by `apiVersion/kind`. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/ResourceQuota': ResourceQuota,
  'v1/LimitRange': LimitRange,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/**
 * Custom resources emitted by this module, with the `spec` fields their CRDs require. Checked
 * structurally only: the CRD schemas are installed by the add-ons and cannot be loaded offline.
 */
export const CUSTOM_RESOURCE_REQUIRED_SPEC: Record<string, readonly string[]> = {
  'secrets-store.csi.x-k8s.io/v1/SecretProviderClass': ['provider', 'parameters'],
  'karpenter.sh/v1/NodePool': ['template'],
  'karpenter.k8s.aws/v1/EC2NodeClass': ['role', 'amiSelectorTerms', 'subnetSelectorTerms', 'securityGroupSelectorTerms'],
  'approuting.kubernetes.azure.com/v1alpha1/NginxIngressController': ['ingressClassName', 'controllerNamePrefix'],
};

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Whether an object's kind is one this module can check (built-in with a schema, or a known custom resource). */
export function isKnownKind(object: { apiVersion?: string; kind?: string }): boolean {
  const key = `${object.apiVersion}/${object.kind}`;
  return key in MODELS || key in CUSTOM_RESOURCE_REQUIRED_SPEC;
}

/** Schema problems of one object (ajv messages with the field path), empty when it is valid. */
export function schemaProblems(object: { apiVersion?: string; kind?: string; metadata?: { name?: string }; spec?: Record<string, unknown> }): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const problems: string[] = [];
  const name = object.metadata?.name;
  if (typeof name !== 'string' || name.length > 253 || !NAME.test(name)) problems.push(`metadata.name ${JSON.stringify(name)} is not a Kubernetes object name`);
  const Model = MODELS[key];
  if (Model) {
    try {
      new Model(object).validate();
    } catch (err) {
      problems.push(...String((err as Error).message).split(', ').map((m) => m.replace(/^data\//, '').replace(/\//g, '.')));
    }
    return problems;
  }
  const required = CUSTOM_RESOURCE_REQUIRED_SPEC[key];
  if (!required) return [...problems, `${key} is not a kind this project can check; add its schema to modules/kubernetes/manifest-schema.ts`];
  for (const field of required) {
    if (object.spec?.[field] === undefined) problems.push(`spec must have required property ${field}`);
  }
  return problems;
}

/** Every problem of one object: schema, then the restricted profile (`<path> <value> <message>`). */
export function manifestProblems(object: { apiVersion?: string; kind?: string; metadata?: any; spec?: any }): string[] {
  return [
    ...schemaProblems(object),
    ...restrictedObjectProblems(object).map((p) => `${p.path} ${p.value === undefined ? '(missing)' : JSON.stringify(p.value)} ${p.message}`),
  ];
}
