/**
 * What an application needs to know about the cluster it runs on: how its pods get a cloud identity,
 * where its secrets live, and the cluster's ingress path. Plain values (usually tokens of the
 * cluster and workload stacks); modules/kubernetes never reads stacks or config.
 */

/** An EKS cluster: IRSA, Secrets Manager through the ASCP provider, and the AWS Load Balancer Controller. */
export interface EksTarget {
  readonly cluster: 'eks';
  /** IAM role the application's service account assumes (IRSA annotation `eks.amazonaws.com/role-arn`). */
  readonly roleArn: string;
  /** AWS region of the secrets (Secrets Manager). */
  readonly region: string;
  /**
   * Where ALB traffic comes from (target type `ip`: the ALB's private addresses), admitted by the
   * application's NetworkPolicy: the VPC CIDR.
   */
  readonly ingressSourceCidrs: readonly string[];
}

/** A GKE cluster: Workload Identity, the Secret Manager add-on, and the built-in GCE Ingress. */
export interface GkeTarget {
  readonly cluster: 'gke';
  /** Google service account the Kubernetes one impersonates (`iam.gke.io/gcp-service-account`). */
  readonly serviceAccountEmail: string;
  /** Project of the Secret Manager secrets. */
  readonly projectId: string;
  /**
   * Where load balancer traffic comes from, admitted by the NetworkPolicy.
   *
   * @default - Google Front Ends and health checks (130.211.0.0/22, 35.191.0.0/16); add the proxy-only subnet for internal Ingress
   */
  readonly ingressSourceCidrs?: readonly string[];
}

/** An AKS cluster: Azure workload identity, the Key Vault secrets provider add-on, and the application routing add-on. */
export interface AksTarget {
  readonly cluster: 'aks';
  /** Client id of the user-assigned identity (`azure.workload.identity/client-id`). */
  readonly clientId: string;
  /** Entra tenant of the identity and the key vault. */
  readonly tenantId: string;
  /** Key vault holding the application's secrets. */
  readonly keyVaultName: string;
}

/** The cluster an application is deployed to. */
export type ClusterTarget = EksTarget | GkeTarget | AksTarget;

/** Google Front End and health-check ranges that reach GKE pods behind a container-native (NEG) load balancer. */
export const GOOGLE_LOAD_BALANCER_RANGES = ['130.211.0.0/22', '35.191.0.0/16'] as const;

/** Namespace of the AKS application routing add-on's NGINX controllers. */
export const AKS_APP_ROUTING_NAMESPACE = 'app-routing-system';

/** Ingress classes of each cluster's ingress path, by exposure. */
export const INGRESS_CLASSES = {
  /** @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/ */
  eks: { public: 'alb', internal: 'alb' },
  /** GCE Ingress is chosen by the `kubernetes.io/ingress.class` annotation, not `ingressClassName`. @see https://cloud.google.com/kubernetes-engine/docs/concepts/ingress */
  gke: { public: 'gce', internal: 'gce-internal' },
  /** The add-on's default class, and the internal one this project adds (an NginxIngressController). @see https://learn.microsoft.com/azure/aks/app-routing */
  aks: { public: 'webapprouting.kubernetes.azure.com', internal: 'nginx-internal' },
} as const;
