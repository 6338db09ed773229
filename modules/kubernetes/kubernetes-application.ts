import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { applicationManifests, type KubernetesObject } from './application-manifests';
import { type ApplicationSpec, applicationSpecProblems } from './application-spec';
import type { ClusterTarget } from './cluster-target';
import { applicationChartValues, renderedByChart } from './application-chart';
import { HelmChartRelease } from './helm-chart-release';
import { chartChecksum, readLocalChart, renderLocalChart } from './helm-template-subset';
import { manifestProblems } from './manifest-schema';
import { validatedManifest } from './private/manifest';

/** Props of {@link KubernetesApplication}: the application spec, and the cluster it runs on. */
export interface KubernetesApplicationProps extends ApplicationSpec {
  /** The cluster: its kind, the cloud identity of the app, where secrets live, the ingress path. */
  readonly target: ClusterTarget;
  /**
   * Seconds Terraform waits for the Deployment's rollout on create and update.
   *
   * @default 600
   */
  readonly rolloutTimeoutSeconds?: number;
  /**
   * Deploy the Deployment, Service and HPA with this local Helm chart (a folder with Chart.yaml,
   * values.yaml and templates in the subset of helm-template-subset.ts) instead of as manifests.
   * The chart is rendered and checked here with the spec's values, and its checksum is a value of
   * the release, so a change to the chart redeploys.
   *
   * @default - every object is a kubernetes_manifest
   */
  readonly chartPath?: string;
}

/**
 * One application on one Kubernetes cluster, from the cloud-neutral {@link ApplicationSpec}: its
 * namespace (Pod Security Admission `restricted`), ServiceAccount bound to the cloud identity,
 * ConfigMap, SecretProviderClass, Deployment, Service, Ingress, HPA, PodDisruptionBudget,
 * NetworkPolicies, ResourceQuota and LimitRange.
 *
 * Every object is built as a plain typed object, checked against the Kubernetes schema and the
 * `restricted` profile here (so a bad spec fails the synth, not the apply), and emitted as a
 * `kubernetes_manifest`. Secret values never reach Terraform: the SecretProviderClass names the
 * secrets, and the CSI driver reads them from the cloud store when a pod starts.
 *
 * The cloud side of the identity (IAM role, Google service account binding, Azure federated
 * credential) is created by the stack, which knows the cloud; this construct only annotates.
 */
export class KubernetesApplication extends Construct {
  /** The objects emitted, keyed by `<kind>/<name>` (`Deployment/web`). */
  public readonly objects: ReadonlyMap<string, KubernetesObject>;
  /** The `kubernetes_manifest` resources, keyed like {@link objects}. */
  public readonly manifests: ReadonlyMap<string, Manifest>;
  /** The namespace (the application's name). */
  public readonly namespace: string;
  /** The chart release, when `chartPath` is set. */
  public readonly chartRelease?: HelmChartRelease;

  constructor(scope: Construct, id: string, props: KubernetesApplicationProps) {
    super(scope, id);
    const { target, rolloutTimeoutSeconds = 600, chartPath, ...spec } = props;
    for (const problem of applicationSpecProblems(spec)) {
      if (typeof problem.value === 'string' && Token.isUnresolved(problem.value)) continue;
      throw new ValidationError(this, problem.path, problem.value, problem.message);
    }
    if (!Number.isInteger(rolloutTimeoutSeconds) || rolloutTimeoutSeconds < 60 || rolloutTimeoutSeconds > 3600) {
      throw new ValidationError(this, 'rolloutTimeoutSeconds', rolloutTimeoutSeconds, 'is not allowed; use 60 to 3600 seconds');
    }

    this.namespace = spec.name;
    const all = applicationManifests(spec, target);
    const objects = chartPath ? all.filter((o) => !renderedByChart(o)) : all;
    this.objects = new Map(objects.map((o) => [`${o.kind}/${o.metadata!.name}`, o]));
    const manifests = new Map<string, Manifest>();
    let namespace: Manifest | undefined;
    for (const object of objects) {
      const key = `${object.kind}/${object.metadata!.name}`;
      const dependsOn = namespace ? [namespace] : [];
      if (object.kind === 'Deployment') {
        // Its ServiceAccount, ConfigMap and SecretProviderClass first: pods would fail to start without them.
        for (const [k, m] of manifests) if (/^(ServiceAccount|ConfigMap|SecretProviderClass)\//.test(k)) dependsOn.push(m);
      }
      const manifest = validatedManifest(this, object, {
        dependsOn,
        ...(object.kind === 'Deployment'
          ? { wait: { rollout: true }, timeouts: { create: `${Math.ceil(rolloutTimeoutSeconds / 60)}m`, update: `${Math.ceil(rolloutTimeoutSeconds / 60)}m` } }
          : {}),
      });
      if (object.kind === 'Namespace') namespace = manifest;
      manifests.set(key, manifest);
    }
    this.manifests = manifests;

    if (chartPath) {
      const checksum = chartChecksum(chartPath);
      const values = applicationChartValues(spec, target, checksum);
      // Render the chart as Helm would and check what it makes, as for the manifest path.
      const rendered = renderLocalChart(readLocalChart(chartPath), spec.name, spec.name, values);
      for (const [file, docs] of Object.entries(rendered)) {
        for (const doc of docs) {
          const problems = manifestProblems(doc);
          if (problems.length > 0) throw new ValidationError(this, 'chartPath', chartPath, `renders templates/${file} ${doc.kind}/${doc.metadata?.name} with a problem: ${problems[0]}`);
        }
      }
      this.chartRelease = new HelmChartRelease(this, 'chart', {
        releaseName: spec.name,
        namespace: spec.name,
        chart: { path: chartPath },
        values,
        timeoutSeconds: rolloutTimeoutSeconds,
      });
      this.chartRelease.release.node.addDependency(...manifests.values());
    }
  }
}
