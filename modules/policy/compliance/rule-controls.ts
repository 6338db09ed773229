import type { ControlRefs } from './frameworks';

/**
 * The compliance map of the policy pack: every rule id of `ALL_RULES` and the framework controls
 * a compliant finding of it evidences. One place, keyed by rule id, so the rule files stay checks
 * only (a test fails when a rule is added without an entry here).
 *
 * A rule that supports no framework control says so with an empty `controls` and a `reason`.
 * CIS ids name their benchmark (`AWS 3.7`, `GCP 6.6`, `Azure 3.1`, `EKS 5.4.1`, `K8S 5.2.2`; see
 * `CIS_BENCHMARKS`); they are listed only where the recommendation is the rule's own check.
 */
export interface RuleMapping {
  /** The framework controls the rule supports. */
  readonly controls: ControlRefs;
  /** Why the rule supports no control (required when `controls` is empty). */
  readonly reason?: string;
}

type Refs = { soc2?: string[]; hipaa?: string[]; pci?: string[]; gdpr?: string[]; cis?: string[] };

/** Merges control lists (each id once). */
function all(...parts: Refs[]): RuleMapping {
  const out: Refs = {};
  for (const part of parts) {
    for (const [key, ids] of Object.entries(part) as [keyof Refs, string[]][]) {
      out[key] = [...new Set([...(out[key] ?? []), ...ids])];
    }
  }
  return { controls: out };
}

/** A rule that supports no framework control, and why. */
function none(reason: string): RuleMapping {
  return { controls: {}, reason };
}

const cis = (...ids: string[]): Refs => ({ cis: ids });
const pci = (...ids: string[]): Refs => ({ pci: ids });
const soc2 = (...ids: string[]): Refs => ({ soc2: ids });
const hipaa = (...ids: string[]): Refs => ({ hipaa: ids });

// Recurring groups of controls, by what the rule protects.
const ENCRYPTED_AT_REST: Refs = { soc2: ['CC6.1'], hipaa: ['164.312(a)(2)(iv)'], pci: ['3.5.1'], gdpr: ['Art. 32'] };
const CUSTOMER_KEY: Refs = { soc2: ['CC6.1'], hipaa: ['164.312(a)(2)(iv)'], pci: ['3.5.1', '3.6.1'], gdpr: ['Art. 32'] };
const KEY_MANAGEMENT: Refs = { soc2: ['CC6.1'], pci: ['3.6.1'], gdpr: ['Art. 32'] };
const IN_TRANSIT: Refs = { soc2: ['CC6.7'], hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'], pci: ['4.2.1'], gdpr: ['Art. 32'] };
const NOT_PUBLIC: Refs = { soc2: ['CC6.6'], hipaa: ['164.312(a)(1)'], pci: ['1.3.1', '1.4.4'], gdpr: ['Art. 25', 'Art. 32'] };
const BOUNDARY: Refs = { soc2: ['CC6.6'], pci: ['1.3.1', '1.4.1'], gdpr: ['Art. 32'] };
const EGRESS: Refs = { soc2: ['CC6.6'], pci: ['1.3.2'], gdpr: ['Art. 32'] };
const AUDIT_LOG: Refs = { soc2: ['CC7.2'], hipaa: ['164.312(b)'], pci: ['10.2.1'], gdpr: ['Art. 32'] };
const LOG_RETAINED_YEAR: Refs = { soc2: ['CC7.2'], hipaa: ['164.312(b)'], pci: ['10.5.1'] };
const MONITORED: Refs = { soc2: ['CC7.2'], hipaa: ['164.308(a)(1)(ii)(D)'] };
const BACKED_UP: Refs = { soc2: ['A1.2'], hipaa: ['164.308(a)(7)(ii)(A)'], gdpr: ['Art. 32'] };
const HIGHLY_AVAILABLE: Refs = { soc2: ['A1.2'], gdpr: ['Art. 32'] };
const NOT_DESTROYED: Refs = { soc2: ['A1.2'], hipaa: ['164.312(c)(1)'], gdpr: ['Art. 32'] };
const LEAST_PRIVILEGE: Refs = { soc2: ['CC6.3'], hipaa: ['164.312(a)(1)'], pci: ['7.2.1', '7.2.2'], gdpr: ['Art. 25', 'Art. 32'] };
const SERVICE_IDENTITY: Refs = { soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)'], pci: ['7.2.5'], gdpr: ['Art. 32'] };
const AUTHENTICATED: Refs = { soc2: ['CC6.1'], hipaa: ['164.312(a)(1)'], pci: ['7.2.1'], gdpr: ['Art. 32'] };
const HARDENED: Refs = { soc2: ['CC6.8'], pci: ['2.2.1'], gdpr: ['Art. 25', 'Art. 32'] };
const PATCHED: Refs = { soc2: ['CC7.1'], pci: ['6.3.3'], gdpr: ['Art. 32'] };
const CAPACITY: Refs = { soc2: ['A1.1'] };
const INTEGRITY: Refs = { hipaa: ['164.312(c)(1)'], gdpr: ['Art. 32'] };
const CHANGE_CONTROLLED: Refs = { soc2: ['CC8.1'], hipaa: ['164.312(c)(1)'] };

/** Every rule id of the policy pack and the framework controls it supports. */
export const RULE_CONTROLS: Readonly<Record<string, RuleMapping>> = {
  // AWS network
  'AWS-VPC-1': all(AUDIT_LOG, cis('AWS 3.7')),
  'AWS-VPC-2': all(BOUNDARY, cis('AWS 5.4')),
  'AWS-VPC-3': all(NOT_PUBLIC),
  'AWS-VPC-4': all(BOUNDARY, pci('2.2.5')),
  'AWS-VPC-5': all(BOUNDARY, pci('2.2.7'), cis('AWS 5.2')),
  'AWS-VPC-6': all(BOUNDARY, pci('2.2.7'), cis('AWS 5.2')),
  'AWS-VPC-7': all(soc2('CC8.1'), pci('2.2.5')),
  'AWS-VPC-8': all(AUDIT_LOG),
  // AWS logs
  'AWS-LOG-1': all(ENCRYPTED_AT_REST, pci('10.3.2')),
  'AWS-LOG-2': all(LOG_RETAINED_YEAR),
  'AWS-LOG-3': all(soc2('CC7.2'), hipaa('164.312(b)')),
  // AWS RDS
  'AWS-RDS-1': all(ENCRYPTED_AT_REST, cis('AWS 2.3.1')),
  'AWS-RDS-2': all(CUSTOMER_KEY),
  'AWS-RDS-3': all(HIGHLY_AVAILABLE),
  'AWS-RDS-4': all(NOT_DESTROYED),
  'AWS-RDS-5': all(NOT_PUBLIC, cis('AWS 2.3.3')),
  'AWS-RDS-6': all(BACKED_UP),
  'AWS-RDS-7': all(AUDIT_LOG),
  'AWS-RDS-8': all(AUTHENTICATED),
  'AWS-RDS-9': all(PATCHED, cis('AWS 2.3.2')),
  'AWS-RDS-10': all(MONITORED),
  'AWS-RDS-11': all(BACKED_UP),
  'AWS-RDS-12': none('tag propagation to snapshots is asset bookkeeping; no framework control asks for it'),
  // AWS KMS
  'AWS-KMS-1': all(KEY_MANAGEMENT, pci('3.7.4'), cis('AWS 3.6')),
  'AWS-KMS-2': all(KEY_MANAGEMENT, soc2('A1.2')),
  'AWS-KMS-3': all(KEY_MANAGEMENT, soc2('CC6.3')),
  // AWS S3
  'AWS-S3-1': all(NOT_PUBLIC, cis('AWS 2.1.4')),
  'AWS-S3-2': all(ENCRYPTED_AT_REST),
  'AWS-S3-3': all(BACKED_UP, hipaa('164.312(c)(1)')),
  'AWS-S3-4': all(LEAST_PRIVILEGE),
  'AWS-S3-5': all(IN_TRANSIT, cis('AWS 2.1.1')),
  'AWS-S3-6': none('lifecycle rules control cost and storage limitation; no catalogued security control asks for them'),
  'AWS-S3-7': all(AUDIT_LOG, pci('10.2.1.1')),
  'AWS-S3-8': all(NOT_PUBLIC, cis('AWS 2.1.4')),
  'AWS-S3-9': all(NOT_PUBLIC),
  // AWS DynamoDB
  'AWS-DDB-1': all(BACKED_UP),
  'AWS-DDB-2': all(CUSTOMER_KEY),
  'AWS-DDB-3': all(NOT_DESTROYED),
  // AWS IAM
  'AWS-IAM-1': all(LEAST_PRIVILEGE, cis('AWS 1.16')),
  'AWS-IAM-2': all(LEAST_PRIVILEGE),
  'AWS-IAM-3': all(LEAST_PRIVILEGE, soc2('CC6.1')),
  'AWS-IAM-4': all(LEAST_PRIVILEGE, cis('AWS 1.15')),
  'AWS-IAM-5': all(LEAST_PRIVILEGE),
  // AWS messaging and secrets
  'AWS-SNS-1': all(ENCRYPTED_AT_REST),
  'AWS-SQS-1': all(ENCRYPTED_AT_REST),
  'AWS-SQS-2': none('a dead-letter queue keeps failed messages for reliability; no catalogued security control asks for it'),
  'AWS-SM-1': all(CUSTOMER_KEY),
  'AWS-KIN-1': all(ENCRYPTED_AT_REST),
  // AWS DMS (DR replication)
  'AWS-DMS-1': all(NOT_PUBLIC),
  'AWS-DMS-2': all(CUSTOMER_KEY),
  'AWS-DMS-3': all(HIGHLY_AVAILABLE),
  'AWS-DMS-4': all(PATCHED),
  'AWS-DMS-5': all(IN_TRANSIT),
  // AWS site-to-site VPN
  'AWS-VPN-1': all(AUDIT_LOG),
  'AWS-VPN-2': all(IN_TRANSIT),
  'AWS-VPN-3': all(IN_TRANSIT),
  // AWS Route 53
  'AWS-R53-1': all(AUDIT_LOG),
  'AWS-R53-2': all(INTEGRITY, soc2('CC6.6')),
  // AWS Lambda
  'AWS-LAMBDA-1': all(EGRESS, pci('1.4.4')),
  'AWS-LAMBDA-2': all(MONITORED),
  'AWS-LAMBDA-3': all(CUSTOMER_KEY),
  'AWS-LAMBDA-4': none('a dead-letter target keeps failed events for reliability; no catalogued security control asks for it'),
  'AWS-LAMBDA-5': all(CAPACITY),
  'AWS-LAMBDA-6': all(PATCHED),
  'AWS-LAMBDA-7': all(AUTHENTICATED, soc2('CC6.6')),
  // AWS API Gateway
  'AWS-APIGW-1': all(AUDIT_LOG, pci('10.2.1.1')),
  'AWS-APIGW-2': all(CAPACITY, soc2('CC6.6')),
  'AWS-APIGW-3': all(AUTHENTICATED, soc2('CC6.6')),
  // AWS ECS
  'AWS-ECS-1': all(HARDENED),
  'AWS-ECS-2': all(HARDENED, INTEGRITY),
  'AWS-ECS-3': all(AUDIT_LOG),
  'AWS-ECS-4': all(BOUNDARY),
  'AWS-ECS-5': all(soc2('CC6.1'), pci('8.6.2'), { gdpr: ['Art. 32'] }),
  'AWS-ECS-6': all(NOT_PUBLIC),
  'AWS-ECS-7': all(MONITORED, CAPACITY),
  // AWS load balancers
  'AWS-ALB-1': all(soc2('CC6.6'), pci('2.2.1'), { gdpr: ['Art. 32'] }),
  'AWS-ALB-2': all(AUDIT_LOG),
  'AWS-ALB-3': all(HIGHLY_AVAILABLE),
  'AWS-ALB-4': all(IN_TRANSIT),
  'AWS-ALB-5': all(IN_TRANSIT),
  // AWS ECR
  'AWS-ECR-1': all(CHANGE_CONTROLLED),
  'AWS-ECR-2': all(soc2('CC7.1'), pci('6.3.1'), cis('EKS 5.1.1')),
  'AWS-ECR-3': all(ENCRYPTED_AT_REST),
  // AWS EKS
  'AWS-EKS-1': all(NOT_PUBLIC, cis('EKS 5.4.1', 'EKS 5.4.2')),
  'AWS-EKS-2': all(CUSTOMER_KEY, cis('EKS 5.3.1')),
  'AWS-EKS-3': all(AUDIT_LOG, pci('10.2.1.2'), cis('EKS 2.1.1')),
  'AWS-EKS-4': all(HARDENED, soc2('CC6.1'), cis('AWS 5.6')),
  'AWS-EKS-5': all(BOUNDARY, pci('2.2.7')),
  'AWS-EKS-6': all(ENCRYPTED_AT_REST),
  // GCP network
  'GCP-NET-1': all(BOUNDARY, pci('2.2.1')),
  'GCP-NET-2': all(AUDIT_LOG, cis('GCP 3.8')),
  'GCP-NET-3': all(EGRESS),
  'GCP-FW-1': all(BOUNDARY, pci('2.2.7'), cis('GCP 3.6')),
  'GCP-FW-2': all(BOUNDARY, pci('2.2.7'), cis('GCP 3.7')),
  'GCP-FW-3': all(BOUNDARY, pci('2.2.5')),
  'GCP-FW-4': all(AUDIT_LOG),
  'GCP-NET-4': all(AUDIT_LOG),
  'GCP-NET-5': all(IN_TRANSIT),
  // GCP Cloud SQL
  'GCP-SQL-1': all(NOT_PUBLIC, cis('GCP 6.6')),
  'GCP-SQL-2': all(IN_TRANSIT, cis('GCP 6.4')),
  'GCP-SQL-3': all(BACKED_UP, cis('GCP 6.7')),
  'GCP-SQL-4': all(BACKED_UP),
  'GCP-SQL-5': all(HIGHLY_AVAILABLE),
  'GCP-SQL-6': all(NOT_DESTROYED),
  'GCP-SQL-7': all(CUSTOMER_KEY),
  'GCP-SQL-8': all(AUDIT_LOG),
  'GCP-SQL-9': all(NOT_PUBLIC, cis('GCP 6.5')),
  // GCP KMS, secrets, storage
  'GCP-KMS-1': all(KEY_MANAGEMENT, pci('3.7.4'), cis('GCP 1.10')),
  'GCP-SM-1': all(CUSTOMER_KEY),
  'GCP-GCS-1': all(LEAST_PRIVILEGE, cis('GCP 5.2')),
  'GCP-GCS-2': all(NOT_PUBLIC, cis('GCP 5.1')),
  'GCP-GCS-3': all(BACKED_UP, hipaa('164.312(c)(1)')),
  'GCP-GCS-4': all(AUDIT_LOG, pci('10.2.1.1')),
  'GCP-GCS-5': all(CUSTOMER_KEY),
  'GCP-GCS-6': all(NOT_PUBLIC, cis('GCP 5.1')),
  // GCP Pub/Sub and Firestore
  'GCP-PS-1': all(CUSTOMER_KEY),
  'GCP-PS-2': none('a dead-letter topic keeps failed messages for reliability; no catalogued security control asks for it'),
  'GCP-PS-3': all(AUTHENTICATED),
  'GCP-PS-4': all(NOT_PUBLIC),
  'GCP-FS-1': all(BACKED_UP),
  'GCP-FS-2': all(NOT_DESTROYED),
  'GCP-FS-3': all(CUSTOMER_KEY),
  // GCP Cloud Run and Cloud Functions
  'GCP-RUN-1': all(NOT_PUBLIC),
  'GCP-RUN-2': all(AUTHENTICATED, NOT_PUBLIC),
  'GCP-RUN-3': all(SERVICE_IDENTITY),
  'GCP-RUN-4': all(EGRESS),
  'GCP-FN-1': all(NOT_PUBLIC),
  'GCP-FN-2': all(EGRESS),
  'GCP-FN-3': all(SERVICE_IDENTITY),
  // GKE
  'GCP-GKE-1': all(NOT_PUBLIC),
  'GCP-GKE-2': all(SERVICE_IDENTITY),
  'GCP-GKE-3': all(BOUNDARY),
  'GCP-GKE-4': all(HARDENED, INTEGRITY),
  'GCP-GKE-5': all(LEAST_PRIVILEGE),
  'GCP-GKE-6': all(NOT_PUBLIC),
  'GCP-GKE-7': all(CUSTOMER_KEY),
  'GCP-GKE-8': all(PATCHED),
  'GCP-GKE-9': all(PATCHED, HIGHLY_AVAILABLE),
  'GCP-GKE-10': all(HARDENED, INTEGRITY),
  'GCP-GKE-11': all(SERVICE_IDENTITY, HARDENED),
  // Azure network
  'AZ-NSG-1': all(BOUNDARY, pci('2.2.7'), cis('Azure 6.2')),
  'AZ-NSG-2': all(BOUNDARY, pci('2.2.7'), cis('Azure 6.1')),
  'AZ-NSG-3': all(BOUNDARY, pci('2.2.5')),
  // Azure PostgreSQL
  'AZ-PG-1': all(NOT_PUBLIC),
  'AZ-PG-2': all(HIGHLY_AVAILABLE),
  'AZ-PG-3': all(BACKED_UP),
  'AZ-PG-4': all(BACKED_UP),
  'AZ-PG-5': all(CUSTOMER_KEY),
  'AZ-PG-6': all(AUDIT_LOG),
  // Azure Key Vault
  'AZ-KV-1': all(KEY_MANAGEMENT, NOT_DESTROYED, cis('Azure 8.5')),
  'AZ-KV-2': all(NOT_PUBLIC),
  'AZ-KV-3': all(LEAST_PRIVILEGE, cis('Azure 8.6')),
  'AZ-KV-4': all(KEY_MANAGEMENT, pci('3.7.4'), cis('Azure 8.1', 'Azure 8.3')),
  'AZ-KV-5': none('a content type documents what a secret holds; no framework control asks for it'),
  // Azure storage
  'AZ-ST-1': all(IN_TRANSIT, cis('Azure 3.1')),
  'AZ-ST-2': all(IN_TRANSIT, cis('Azure 3.15')),
  'AZ-ST-3': all(NOT_PUBLIC, cis('Azure 3.7')),
  'AZ-ST-4': all(NOT_PUBLIC, cis('Azure 3.8')),
  'AZ-ST-5': all(AUTHENTICATED, LEAST_PRIVILEGE),
  'AZ-ST-6': all(BACKED_UP, HIGHLY_AVAILABLE),
  'AZ-ST-7': all(BACKED_UP, hipaa('164.312(c)(1)')),
  'AZ-ST-8': all(BACKED_UP, NOT_DESTROYED),
  'AZ-ST-9': all(ENCRYPTED_AT_REST),
  // Azure Service Bus, Event Grid and Cosmos DB
  'AZ-SB-1': all(AUTHENTICATED, LEAST_PRIVILEGE),
  'AZ-SB-2': all(IN_TRANSIT),
  'AZ-SB-3': all(NOT_PUBLIC),
  'AZ-SB-4': none('dead-lettering expired messages keeps them for reliability; no catalogued security control asks for it'),
  'AZ-EG-1': none('a dead-letter destination keeps undelivered events for reliability; no catalogued security control asks for it'),
  'AZ-COSMOS-1': all(AUTHENTICATED, LEAST_PRIVILEGE),
  'AZ-COSMOS-2': all(NOT_PUBLIC),
  'AZ-COSMOS-3': all(LEAST_PRIVILEGE, CHANGE_CONTROLLED),
  'AZ-COSMOS-4': all(BACKED_UP),
  'AZ-COSMOS-5': all(IN_TRANSIT),
  // Azure Functions and web apps
  'AZ-FN-1': all(IN_TRANSIT, cis('Azure 9.2')),
  'AZ-FN-2': all(IN_TRANSIT, cis('Azure 9.3')),
  'AZ-FN-3': all(SERVICE_IDENTITY, cis('Azure 9.5')),
  'AZ-FN-4': all(NOT_PUBLIC),
  'AZ-FN-5': all(IN_TRANSIT, pci('2.2.5'), cis('Azure 9.10')),
  // Azure Container Apps
  'AZ-CA-1': all(IN_TRANSIT),
  'AZ-CA-2': all(NOT_PUBLIC),
  'AZ-CA-3': all(SERVICE_IDENTITY),
  // AKS
  'AZ-AKS-1': all(NOT_PUBLIC),
  'AZ-AKS-2': all(LEAST_PRIVILEGE),
  'AZ-AKS-3': all(BOUNDARY),
  'AZ-AKS-4': all(AUTHENTICATED, LEAST_PRIVILEGE),
  'AZ-AKS-5': all(AUDIT_LOG, MONITORED),
  'AZ-AKS-6': all(CUSTOMER_KEY),
  'AZ-AKS-7': all(HARDENED, soc2('CC7.1')),
  // Kubernetes workloads (every cluster)
  'K8S-POD-1': all(HARDENED, cis('K8S 5.2.7')),
  'K8S-POD-2': all(HARDENED, INTEGRITY),
  'K8S-POD-3': all(HARDENED, cis('K8S 5.2.6')),
  'K8S-POD-4': all(HARDENED, cis('K8S 5.2.9')),
  'K8S-POD-5': all(HARDENED, cis('K8S 5.2.2')),
  'K8S-POD-6': all(HARDENED, BOUNDARY, cis('K8S 5.2.5')),
  'K8S-POD-7': all(HARDENED, cis('K8S 5.2.3')),
  'K8S-POD-8': all(HARDENED, cis('K8S 5.2.4')),
  'K8S-POD-9': all(CAPACITY),
  'K8S-POD-10': all(CAPACITY),
  'K8S-POD-11': none('liveness probes restart hung containers (reliability); no catalogued control asks for them'),
  'K8S-POD-12': none('readiness probes keep traffic off unready pods (reliability); no catalogued control asks for them'),
  'K8S-POD-13': all(CHANGE_CONTROLLED),
  'K8S-POD-14': all(CHANGE_CONTROLLED),
  'K8S-POD-15': all(HARDENED, cis('K8S 5.7.2')),
  'K8S-POD-16': all(LEAST_PRIVILEGE, cis('K8S 5.1.6')),
  'K8S-NET-1': all(BOUNDARY, cis('K8S 5.3.2')),
  'K8S-NET-2': all(BOUNDARY),
  'K8S-SVC-1': all(NOT_PUBLIC),
};
