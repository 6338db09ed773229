import { applicationDeployment, type KubernetesObject } from './application-manifests';
import { APPLICATION_DEFAULTS, type ApplicationSpec } from './application-spec';
import type { ClusterTarget } from './cluster-target';

/** Kinds the local chart renders; the rest of the application stays `kubernetes_manifest`. */
export const CHART_KINDS = ['Deployment', 'Service', 'HorizontalPodAutoscaler'] as const;

/** Whether an object is one the chart renders instead. */
export function renderedByChart(object: KubernetesObject): boolean {
  return (CHART_KINDS as readonly string[]).includes(object.kind);
}

/**
 * Values of the local chart (apps/charts/example-app) for an application: the pod template blocks
 * are taken from the same builder as the manifest path, so both paths carry the same hardening.
 *
 * @param checksum the chart folder's checksum (pod annotation `checksum/chart`)
 */
export function applicationChartValues(spec: ApplicationSpec, target: ClusterTarget, checksum: string): Record<string, unknown> {
  const deployment = applicationDeployment(spec, target);
  const pod = deployment.spec!.template.spec!;
  const container = pod.containers[0]!;
  const autoscaling = { ...APPLICATION_DEFAULTS.autoscaling, ...(spec.autoscaling ?? {}) };
  const podLabels = { ...deployment.spec!.template.metadata!.labels };
  delete podLabels['app.kubernetes.io/name'];
  delete podLabels['app.kubernetes.io/managed-by'];
  return {
    image: spec.image,
    replicas: spec.replicas ?? APPLICATION_DEFAULTS.replicas,
    chartChecksum: checksum,
    podLabels,
    terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
    strategy: deployment.spec!.strategy!.rollingUpdate,
    ports: container.ports,
    env: container.env,
    envFrom: container.envFrom,
    resources: container.resources,
    podSecurityContext: pod.securityContext,
    securityContext: container.securityContext,
    probes: { startup: container.startupProbe, readiness: container.readinessProbe, liveness: container.livenessProbe },
    volumes: pod.volumes,
    volumeMounts: container.volumeMounts,
    service: {
      annotations: target.cluster === 'gke' ? { 'cloud.google.com/neg': '{"ingress": true}' } : {},
      ports: spec.ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name, protocol: p.protocol ?? 'TCP' })),
    },
    autoscaling: {
      enabled: autoscaling.enabled,
      minReplicas: autoscaling.minReplicas,
      maxReplicas: autoscaling.maxReplicas,
      cpuUtilization: autoscaling.cpuUtilization,
      memoryUtilization: autoscaling.memoryUtilization,
    },
  };
}
