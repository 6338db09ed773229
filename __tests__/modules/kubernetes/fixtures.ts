import type { ApplicationSpec } from '../../../modules/kubernetes/application-spec';
import type { AksTarget, EksTarget, GkeTarget } from '../../../modules/kubernetes/cluster-target';

/** A complete application spec, as the shipped environments give it. */
export const SPEC: ApplicationSpec = {
  name: 'example-app',
  image: 'ghcr.io/example/example-app:1.4.2',
  ports: [{ name: 'http', containerPort: 8080 }],
  resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  env: { LOG_LEVEL: 'info' },
  config: { GREETING: 'hello' },
  secrets: ['example-app-db-password'],
  exposure: 'public',
  host: 'app.example.com',
  allowedEgress: [{ name: 'database', cidr: '10.0.32.0/20', ports: [5432] }],
  allowedIngress: [{ name: 'monitoring', namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' }, ports: [8080] }],
};

export const EKS: EksTarget = {
  cluster: 'eks',
  roleArn: 'arn:aws:iam::123456789012:role/test-example-app',
  region: 'eu-west-1',
  ingressSourceCidrs: ['10.0.0.0/16'],
};

export const GKE: GkeTarget = { cluster: 'gke', serviceAccountEmail: 'example-app@acme-test-1.iam.gserviceaccount.com', projectId: 'acme-test-1' };

export const AKS: AksTarget = {
  cluster: 'aks',
  clientId: '11111111-2222-3333-4444-555555555555',
  tenantId: '00000000-0000-0000-0000-000000000001',
  keyVaultName: 'kv-test-apps',
};

export const TARGETS = { eks: EKS, gke: GKE, aks: AKS } as const;
