/**
 * A control of an account/project/subscription baseline and the framework controls it supports,
 * for the compliance map (docs/baseline.md). Only ids the baseline's resources evidence are listed;
 * a framework without an entry has no control this baseline can claim.
 */
export interface BaselineControl {
  /** Stable id, `<CLOUD>-BL-<NAME>`. */
  readonly id: string;
  /** What the baseline does, in one line. */
  readonly summary: string;
  /** Terraform resource types that evidence it. */
  readonly resourceTypes: readonly string[];
  /** Framework control ids it supports. */
  readonly frameworks: {
    /** SOC 2 Trust Services Criteria (2017, revised points of focus 2022). */
    readonly soc2: readonly string[];
    /** HIPAA Security Rule sections (45 CFR 164.3xx). */
    readonly hipaa: readonly string[];
    /** PCI DSS v4.0 requirements. */
    readonly pci: readonly string[];
    /** GDPR articles. */
    readonly gdpr: readonly string[];
    /** CIS benchmark recommendation ids, of the benchmark named by the list's owner. */
    readonly cis: readonly string[];
  };
}

/** The CIS benchmark the `cis` ids of {@link GCP_BASELINE_CONTROLS} refer to. */
export const GCP_CIS_BENCHMARK = 'CIS Google Cloud Platform Foundation Benchmark v2.0.0';

/** The controls `<env>-gcp-baseline` implements. */
export const GCP_BASELINE_CONTROLS: readonly BaselineControl[] = [
  {
    id: 'GCP-BL-AUDIT-LOGS',
    summary: 'Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) for the services the project uses',
    resourceTypes: ['google_project_iam_audit_config'],
    frameworks: {
      soc2: ['CC7.2'],
      hipaa: ['164.312(b)'],
      pci: ['10.2.1', '10.2.1.1', '10.2.1.2'],
      gdpr: ['Art. 32'],
      cis: ['2.1'],
    },
  },
  {
    id: 'GCP-BL-AUDIT-ARCHIVE',
    summary: 'Every audit log entry archived by a log sink to a bucket with a locked retention policy and a customer key',
    resourceTypes: ['google_logging_project_sink', 'google_storage_bucket', 'google_storage_bucket_iam_member', 'google_kms_crypto_key'],
    frameworks: {
      soc2: ['CC7.2'],
      hipaa: ['164.312(b)', '164.312(c)(1)'],
      pci: ['10.3.2', '10.3.3', '10.5.1'],
      gdpr: ['Art. 32'],
      cis: ['2.2', '2.3'],
    },
  },
  {
    id: 'GCP-BL-ORG-POLICIES',
    summary: 'Project-level organization policy constraints: no public Cloud SQL, no service account keys, OS Login, no public buckets...',
    resourceTypes: ['google_org_policy_policy'],
    frameworks: {
      soc2: ['CC6.1', 'CC6.6'],
      hipaa: ['164.312(a)(1)'],
      pci: ['1.4.4', '2.2.1'],
      gdpr: ['Art. 25', 'Art. 32'],
      cis: ['1.4', '3.1', '4.4', '4.5', '5.1', '5.2', '6.5', '6.6'],
    },
  },
];
