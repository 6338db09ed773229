import type { PolicyResource } from '../rule';
import type { Attrs } from './attrs';
import { block, blocks, get, isRef } from './attrs';

/** Kubernetes provider resource types that hold a pod template (and `kubernetes_manifest`). */
export const KUBERNETES_WORKLOADS = [
  'kubernetes_deployment',
  'kubernetes_deployment_v1',
  'kubernetes_stateful_set',
  'kubernetes_stateful_set_v1',
  'kubernetes_daemonset',
  'kubernetes_daemon_set_v1',
  'kubernetes_job',
  'kubernetes_job_v1',
  'kubernetes_cron_job',
  'kubernetes_cron_job_v1',
  'kubernetes_pod',
  'kubernetes_pod_v1',
  'kubernetes_manifest',
] as const;

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet'];

/** A pod spec in the provider's snake_case form, whichever resource declared it. */
export interface PodView {
  /** The pod spec (host_network, security_context, ...). */
  readonly pod: Attrs;
  /** The main containers. */
  readonly containers: Attrs[];
  /** Init and main containers. */
  readonly allContainers: Attrs[];
}

function toSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnake);
  if (typeof value !== 'object' || value === null || isRef(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Attrs).map(([k, v]) => {
      const key = k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      // resource maps (requests/limits) and labels keep their keys; everything else is a field
      return [key, key === 'requests' || key === 'limits' || key === 'labels' ? v : toSnake(v)];
    })
  );
}

/**
 * The pod spec of a workload resource: `spec.template.spec`, the cron job's
 * `spec.job_template.spec.template.spec`, a pod's `spec`, or a `kubernetes_manifest`'s manifest
 * (camelCase keys turned to snake_case). Undefined when the resource holds no pod.
 */
export function podViewOf(r: PolicyResource): PodView | undefined {
  let pod: unknown;
  if (r.type === 'kubernetes_manifest') {
    const manifest = r.attrs.manifest as Attrs | undefined;
    if (!manifest || typeof manifest !== 'object' || !WORKLOAD_KINDS.includes(String(manifest.kind))) return undefined;
    const snake = toSnake(manifest) as Attrs;
    pod =
      manifest.kind === 'Pod'
        ? snake.spec
        : manifest.kind === 'CronJob'
        ? get(snake, 'spec.job_template.spec.template.spec')
        : get(snake, 'spec.template.spec');
  } else if (r.type === 'kubernetes_pod' || r.type === 'kubernetes_pod_v1') {
    pod = get(r.attrs, 'spec');
  } else if (r.type.startsWith('kubernetes_cron_job')) {
    pod = get(r.attrs, 'spec.job_template.spec.template.spec');
  } else {
    pod = get(r.attrs, 'spec.template.spec');
  }
  const spec = block(pod);
  if (!spec) return undefined;
  const containers = [...blocks(spec.container), ...blocks(spec.containers)];
  const init = [...blocks(spec.init_container), ...blocks(spec.init_containers)];
  return { pod: spec, containers, allContainers: [...init, ...containers] };
}

/** A container's security-context field, falling back to the pod's (for the fields pods also have). */
export function effective(view: PodView, container: Attrs, field: string): unknown {
  const own = get(container, `security_context.${field}`);
  return own !== undefined && own !== null ? own : get(view.pod, `security_context.${field}`);
}
