import { Release } from '@cdktf/provider-helm/lib/release';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ValidationError } from '../core/validation-error';

/** A chart pinned to one version of one repository. */
export interface PinnedChart {
  /** Chart repository URL (`https://...`) or OCI registry (`oci://...`). */
  readonly repository: string;
  readonly chart: string;
  /** Exact chart version (no ranges). */
  readonly version: string;
}

/**
 * The platform charts and their pinned versions. Bump them here (one place), after reading the
 * chart's changelog; docs/kubernetes.md lists them.
 */
export const PLATFORM_CHARTS = {
  /** @see https://github.com/kubernetes-sigs/metrics-server/tree/master/charts/metrics-server */
  metricsServer: { repository: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.12.2' },
  /** @see https://github.com/aws/eks-charts/tree/master/stable/aws-load-balancer-controller */
  awsLoadBalancerController: { repository: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '1.13.3' },
  /** The AWS provider (ASCP); its chart installs the Secrets Store CSI driver as a pinned dependency. @see https://github.com/aws/secrets-store-csi-driver-provider-aws */
  secretsStoreProviderAws: { repository: 'https://aws.github.io/secrets-store-csi-driver-provider-aws', chart: 'secrets-store-csi-driver-provider-aws', version: '1.0.1' },
  /** @see https://karpenter.sh/docs/getting-started/getting-started-with-karpenter/ */
  karpenter: { repository: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', version: '1.5.0' },
} as const satisfies Record<string, PinnedChart>;

/** Release defaults: roll back a failed install or upgrade, wait for readiness, keep a short history. */
export const HELM_RELEASE_DEFAULTS = { timeoutSeconds: 600, maxHistory: 10 } as const;

const EXACT_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/;
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Props of {@link HelmChartRelease}. */
export interface HelmChartReleaseProps {
  /** Release name (a DNS label, at most 53 characters). */
  readonly releaseName: string;
  /** Namespace of the release. */
  readonly namespace: string;
  /** The chart: a pinned remote chart, or a local chart folder (`{ path }`, versioned by its Chart.yaml). */
  readonly chart: PinnedChart | { readonly path: string };
  /** Values, as a typed object; serialised to YAML here. @default {} */
  readonly values?: Record<string, unknown>;
  /** Create the namespace when missing (only for namespaces no policy needs to label). @default false */
  readonly createNamespace?: boolean;
  /** @default 600 */
  readonly timeoutSeconds?: number;
}

/**
 * A `helm_release` with the safe settings: a pinned chart version, `atomic` (a failed install or
 * upgrade is rolled back), `wait` for the resources to be ready, `cleanup_on_fail`, a timeout, and
 * values serialised from a typed object with the YAML library.
 *
 * @see https://registry.terraform.io/providers/hashicorp/helm/latest/docs/resources/release
 */
export class HelmChartRelease extends Construct {
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: HelmChartReleaseProps) {
    super(scope, id);
    const timeout = props.timeoutSeconds ?? HELM_RELEASE_DEFAULTS.timeoutSeconds;
    if (!RELEASE_NAME.test(props.releaseName) || props.releaseName.length > 53) {
      throw new ValidationError(this, 'releaseName', props.releaseName, 'is not a Helm release name; use lower-case letters, digits and "-", at most 53 characters');
    }
    if ('version' in props.chart && !EXACT_VERSION.test(props.chart.version)) {
      throw new ValidationError(this, 'chart.version', props.chart.version, 'is not an exact version; pin one release, e.g. "3.12.2"');
    }
    if ('repository' in props.chart && !/^(https|oci):\/\//.test(props.chart.repository)) {
      throw new ValidationError(this, 'chart.repository', props.chart.repository, 'is not an https:// or oci:// repository');
    }
    if (!Number.isInteger(timeout) || timeout < 60 || timeout > 3600) {
      throw new ValidationError(this, 'timeoutSeconds', timeout, 'is not allowed; use 60 to 3600 seconds');
    }
    // A local chart is copied into the synth output (cdktf.out/stacks/<stack>/assets/...), so the
    // release reads it from a path relative to the stack, not from the machine that synthesized.
    const chart = props.chart;
    const source =
      'path' in chart
        ? { chart: new TerraformAsset(this, 'chart', { path: chart.path, type: AssetType.DIRECTORY }).path }
        : { repository: chart.repository, chart: chart.chart, version: chart.version };
    this.release = new Release(this, 'release', {
      name: props.releaseName,
      namespace: props.namespace,
      ...source,
      atomic: true,
      wait: true,
      waitForJobs: true,
      cleanupOnFail: true,
      timeout,
      maxHistory: HELM_RELEASE_DEFAULTS.maxHistory,
      createNamespace: props.createNamespace ?? false,
      // lineWidth 0: never fold a line, which could split a token (ARNs of other stacks) in two.
      values: [stringify(props.values ?? {}, { lineWidth: 0 })],
    });
  }
}
