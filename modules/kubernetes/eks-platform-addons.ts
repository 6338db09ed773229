import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { HelmChartRelease, PLATFORM_CHARTS } from './helm-chart-release';

/** Karpenter's cloud side, created by the EKS cluster stack. */
export interface KarpenterAddonProps {
  /** IRSA role of the Karpenter controller. */
  readonly controllerRoleArn: string;
  /** SQS queue of the EC2 interruption events. */
  readonly queueName: string;
}

/** Props of {@link EksPlatformAddons}. */
export interface EksPlatformAddonsProps {
  readonly clusterName: string;
  readonly region: string;
  readonly vpcId: string;
  /** IRSA role of the AWS Load Balancer Controller (service account kube-system/aws-load-balancer-controller). */
  readonly loadBalancerControllerRoleArn: string;
  /** Install Karpenter. @default - not installed */
  readonly karpenter?: KarpenterAddonProps;
  /** Controller replicas of the load balancer controller, metrics-server and Karpenter. @default 2 */
  readonly replicas?: number;
}

/** Service account names the cluster stack's IRSA roles trust. */
export const EKS_ADDON_SERVICE_ACCOUNTS = {
  awsLoadBalancerController: { namespace: 'kube-system', name: 'aws-load-balancer-controller' },
  karpenter: { namespace: 'kube-system', name: 'karpenter' },
} as const;

/**
 * The platform add-ons of an EKS cluster, as pinned Helm releases: metrics-server (the HPAs need
 * the resource metrics API, which EKS does not ship), the AWS Load Balancer Controller (the
 * `alb` Ingress class), the Secrets Store CSI driver with the AWS provider, and Karpenter.
 *
 * Custom resources of these charts (Karpenter's NodePool, the apps' SecretProviderClasses) belong
 * in a stack planned after this one: `kubernetes_manifest` needs their CRDs when planning.
 */
export class EksPlatformAddons extends Construct {
  public readonly metricsServer: HelmChartRelease;
  public readonly loadBalancerController: HelmChartRelease;
  public readonly secretsStore: HelmChartRelease;
  public readonly karpenter?: HelmChartRelease;

  constructor(scope: Construct, id: string, props: EksPlatformAddonsProps) {
    super(scope, id);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5) throw new ValidationError(this, 'replicas', replicas, 'is not allowed; use 1 to 5');
    if (!Token.isUnresolved(props.loadBalancerControllerRoleArn) && !/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+$/.test(props.loadBalancerControllerRoleArn)) {
      throw new ValidationError(this, 'loadBalancerControllerRoleArn', props.loadBalancerControllerRoleArn, 'is not an IAM role ARN');
    }
    const irsa = (arn: string) => ({ 'eks.amazonaws.com/role-arn': arn });

    this.metricsServer = new HelmChartRelease(this, 'metrics-server', {
      releaseName: 'metrics-server',
      namespace: 'kube-system',
      chart: PLATFORM_CHARTS.metricsServer,
      values: {
        replicas,
        podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
        resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '400Mi' } },
      },
    });

    // @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/
    const alb = EKS_ADDON_SERVICE_ACCOUNTS.awsLoadBalancerController;
    this.loadBalancerController = new HelmChartRelease(this, 'aws-load-balancer-controller', {
      releaseName: 'aws-load-balancer-controller',
      namespace: alb.namespace,
      chart: PLATFORM_CHARTS.awsLoadBalancerController,
      values: {
        clusterName: props.clusterName,
        region: props.region,
        vpcId: props.vpcId,
        replicaCount: replicas,
        serviceAccount: { create: true, name: alb.name, annotations: irsa(props.loadBalancerControllerRoleArn) },
        // Services stay ClusterIP/NLB as written: no mutating webhook turning every LoadBalancer Service into an NLB.
        enableServiceMutatorWebhook: false,
        podDisruptionBudget: { maxUnavailable: 1 },
      },
    });

    // The ASCP chart brings the Secrets Store CSI driver as a dependency at the version it is tested with.
    this.secretsStore = new HelmChartRelease(this, 'secrets-store-csi-driver-provider-aws', {
      releaseName: 'secrets-store-csi-driver-provider-aws',
      namespace: 'kube-system',
      chart: PLATFORM_CHARTS.secretsStoreProviderAws,
      values: {
        'secrets-store-csi-driver': {
          install: true,
          // Mounted files only: no copy of the secrets as Kubernetes Secrets.
          syncSecret: { enabled: false },
          enableSecretRotation: true,
          rotationPollInterval: '2m',
        },
      },
    });

    if (props.karpenter) {
      const k = EKS_ADDON_SERVICE_ACCOUNTS.karpenter;
      this.karpenter = new HelmChartRelease(this, 'karpenter', {
        releaseName: 'karpenter',
        namespace: k.namespace,
        chart: PLATFORM_CHARTS.karpenter,
        values: {
          replicas,
          settings: { clusterName: props.clusterName, interruptionQueue: props.karpenter.queueName },
          serviceAccount: { name: k.name, annotations: irsa(props.karpenter.controllerRoleArn) },
          controller: { resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
        },
      });
    }
  }
}
