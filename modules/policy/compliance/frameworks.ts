/**
 * The framework catalogue of the compliance map: every control of SOC 2, HIPAA, PCI DSS, GDPR and
 * the CIS benchmarks that the project claims to support, or explicitly cannot (`process: true`).
 *
 * Only the controls the project touches are listed, not whole frameworks: a control is here
 * because a policy rule or a baseline control supports it (modules/policy/compliance/rule-controls.ts,
 * stacks/<cloud>-baseline/controls.ts), or because auditors ask for it and no infrastructure code
 * can evidence it (people, procedures, contracts, physical security). docs/compliance.md renders it.
 */

/** Framework ids; the same names environments claim in `<cloud>.baseline.complianceFrameworks`. */
export const FRAMEWORK_IDS = ['soc2', 'hipaa', 'pci-dss', 'gdpr', 'cis'] as const;

/** One of {@link FRAMEWORK_IDS}. */
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/**
 * Framework control ids by framework, as rules and baseline controls list them. The keys are the
 * baseline controls' (`pci` for PCI DSS); CIS ids name their benchmark (`AWS 3.1`, `K8S 5.2.2`)
 * in the rule map, and are bare (`3.1`) in a baseline control set, whose benchmark is given once.
 */
export interface ControlRefs {
  /** SOC 2 Trust Services Criteria, e.g. `CC6.1`. */
  readonly soc2?: readonly string[];
  /** HIPAA Security Rule sections, e.g. `164.312(b)`. */
  readonly hipaa?: readonly string[];
  /** PCI DSS v4.0 requirements, e.g. `10.2.1`. */
  readonly pci?: readonly string[];
  /** GDPR articles, `Art. 32` (a bare `32` is read as `Art. 32`). */
  readonly gdpr?: readonly string[];
  /** CIS benchmark recommendations. */
  readonly cis?: readonly string[];
}

/** The {@link ControlRefs} key of each framework. */
export const REF_KEYS: Readonly<Record<FrameworkId, keyof ControlRefs>> = {
  soc2: 'soc2',
  hipaa: 'hipaa',
  'pci-dss': 'pci',
  gdpr: 'gdpr',
  cis: 'cis',
};

/** One control of a framework. */
export interface FrameworkControl {
  /** The framework's own id, e.g. `CC6.1`, `164.312(b)`, `10.2.1`, `Art. 32`, `AWS 3.1`. */
  readonly id: string;
  /** The control's title, shortened. */
  readonly title: string;
  /**
   * A process control: met by people, procedures or contracts, which infrastructure code cannot
   * evidence (MFA for people, incident response, training, vendor management, physical security).
   * @default false
   */
  readonly process?: boolean;
  /** Why a process control cannot be covered here, or what the code contributes to it. */
  readonly note?: string;
}

/** A framework and the controls of it the catalogue lists. */
export interface Framework {
  readonly id: FrameworkId;
  readonly name: string;
  /** The version the control ids refer to. */
  readonly version: string;
  readonly controls: readonly FrameworkControl[];
}

const process = (id: string, title: string, note: string): FrameworkControl => ({ id, title, process: true, note });

/** CIS benchmarks the `cis` ids refer to, by id prefix. */
export const CIS_BENCHMARKS: Readonly<Record<string, string>> = {
  AWS: 'CIS Amazon Web Services Foundations Benchmark v3.0.0',
  GCP: 'CIS Google Cloud Platform Foundation Benchmark v2.0.0',
  Azure: 'CIS Microsoft Azure Foundations Benchmark v2.0.0',
  EKS: 'CIS Amazon EKS Benchmark v1.4.0',
  K8S: 'CIS Kubernetes Benchmark v1.8.0 (section 5, policies: applies to EKS, GKE and AKS workloads)',
};

const PEOPLE_MFA = 'people sign in through the identity provider (IAM Identity Center, Google Workspace, Entra ID), which this code does not manage';

/** The catalogue: every framework and the controls of it the project supports or cannot cover. */
export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'soc2',
    name: 'SOC 2 Trust Services Criteria',
    version: '2017 (revised points of focus, 2022)',
    controls: [
      { id: 'CC6.1', title: 'Logical access security software, infrastructure and architectures (access restriction, encryption, key management)' },
      { id: 'CC6.3', title: 'Access is authorized, modified and removed on least privilege and segregation of duties' },
      { id: 'CC6.6', title: 'Logical access security measures against threats from outside the system boundaries' },
      { id: 'CC6.7', title: 'Transmission, movement and removal of information is restricted and protected (encryption in transit)' },
      { id: 'CC6.8', title: 'Controls prevent or detect unauthorized or malicious software' },
      { id: 'CC7.1', title: 'Detection and monitoring procedures identify configuration changes and new vulnerabilities' },
      { id: 'CC7.2', title: 'System components are monitored for anomalies indicative of malicious acts, errors and failures' },
      { id: 'CC8.1', title: 'Changes to infrastructure and software are authorized, designed, tested, approved and implemented' },
      { id: 'A1.1', title: 'Processing capacity is maintained, monitored and evaluated' },
      { id: 'A1.2', title: 'Environmental protections, software, data backup processes and recovery infrastructure' },
      process('CC1.4', 'Commitment to attract, develop and retain competent individuals (security awareness training)', 'training is a people process'),
      process('CC2.2', 'Internal communication of security objectives and responsibilities', 'a people process'),
      process('CC3.2', 'Risk identification and analysis', 'risk assessment is a management process'),
      process('CC6.2', 'Registration and authorization of new users; MFA for people', PEOPLE_MFA),
      process('CC6.4', 'Physical access to facilities and protected information assets is restricted', 'carried by the cloud providers (their SOC 2 reports)'),
      process('CC6.5', 'Logical and physical protections are discontinued only after data is removed (media disposal)', 'carried by the cloud providers for their media; data disposal is a process'),
      process('CC7.3', 'Security events are evaluated to determine whether they are incidents', 'the baseline sends findings to the alert topic; someone must triage them'),
      process('CC7.4', 'Incident response: identified incidents are contained, remediated and communicated', 'an incident response plan is a people process'),
      process('CC7.5', 'Recovery from identified security incidents', 'restore procedures must be written and exercised; the code only keeps backups'),
      process('CC9.2', 'Risks from vendors and business partners are assessed and managed', 'vendor management is a contract process'),
      process('A1.3', 'Recovery plan procedures are tested', 'restore tests are a process (scripts/deploy.ts does not run them)'),
    ],
  },
  {
    id: 'hipaa',
    name: 'HIPAA Security Rule (45 CFR Part 164, Subpart C)',
    version: '45 CFR 164.308-164.312 (2013 omnibus text)',
    controls: [
      { id: '164.308(a)(1)(ii)(D)', title: 'Information system activity review (audit logs, access reports, incident tracking)' },
      { id: '164.308(a)(5)(ii)(B)', title: 'Protection from malicious software' },
      { id: '164.308(a)(5)(ii)(D)', title: 'Password management' },
      { id: '164.308(a)(7)(ii)(A)', title: 'Data backup plan: retrievable exact copies of ePHI' },
      { id: '164.312(a)(1)', title: 'Access control: only authorized persons and software programs access ePHI' },
      { id: '164.312(a)(2)(iv)', title: 'Encryption and decryption of ePHI (at rest)' },
      { id: '164.312(b)', title: 'Audit controls: record and examine activity in systems that contain ePHI' },
      { id: '164.312(c)(1)', title: 'Integrity: protect ePHI from improper alteration or destruction' },
      { id: '164.312(e)(1)', title: 'Transmission security: guard against unauthorized access to ePHI in transit' },
      { id: '164.312(e)(2)(ii)', title: 'Encryption of ePHI in transit' },
      process('164.308(a)(1)(ii)(A)', 'Risk analysis', 'a management process'),
      process('164.308(a)(3)(i)', 'Workforce security (authorization, clearance, termination of access)', PEOPLE_MFA),
      process('164.308(a)(5)(i)', 'Security awareness and training program', 'training is a people process'),
      process('164.308(a)(6)(i)', 'Security incident procedures: identify, respond, mitigate, document', 'an incident response plan is a people process'),
      process('164.308(a)(7)(ii)(B)', 'Disaster recovery plan', 'the DR link and backups support it; the plan and its tests are a process'),
      process('164.308(b)(1)', 'Business associate contracts', 'contracts (a BAA with each cloud provider) are a legal process'),
      process('164.310(a)(1)', 'Facility access controls', 'carried by the cloud providers'),
      process('164.310(d)(1)', 'Device and media controls (disposal, re-use)', 'carried by the cloud providers for their media'),
      process('164.312(a)(2)(i)', 'Unique user identification of people', PEOPLE_MFA),
      process('164.312(d)', 'Person or entity authentication (MFA for people)', PEOPLE_MFA),
    ],
  },
  {
    id: 'pci-dss',
    name: 'PCI DSS',
    version: 'v4.0',
    controls: [
      { id: '1.3.1', title: 'Inbound traffic to the cardholder data environment is restricted to what is necessary' },
      { id: '1.3.2', title: 'Outbound traffic from the cardholder data environment is restricted to what is necessary' },
      { id: '1.4.1', title: 'Network security controls between trusted and untrusted networks' },
      { id: '1.4.4', title: 'System components that store cardholder data are not directly accessible from untrusted networks' },
      { id: '2.2.1', title: 'Configuration standards are developed, implemented and maintained' },
      { id: '2.2.5', title: 'Insecure services, protocols or daemons are justified and secured' },
      { id: '2.2.7', title: 'Non-console administrative access is encrypted with strong cryptography' },
      { id: '3.5.1', title: 'Stored account data is rendered unreadable (strong cryptography)' },
      { id: '3.6.1', title: 'Cryptographic keys are protected against disclosure and misuse' },
      { id: '3.7.4', title: 'Cryptographic keys are changed at the end of their cryptoperiod (rotation)' },
      { id: '4.2.1', title: 'Strong cryptography protects account data during transmission over open, public networks' },
      { id: '5.2.1', title: 'An anti-malware solution is deployed' },
      { id: '6.3.1', title: 'Security vulnerabilities are identified and managed' },
      { id: '6.3.3', title: 'System components are protected from known vulnerabilities by installing patches' },
      { id: '7.2.1', title: 'An access control model covers all system components' },
      { id: '7.2.2', title: 'Access is assigned on job classification and least privilege' },
      { id: '7.2.5', title: 'System and application accounts have least privilege' },
      { id: '8.3.6', title: 'Passwords are at least 12 characters with numbers and letters' },
      { id: '8.3.7', title: 'New passwords differ from the last four' },
      { id: '8.6.2', title: 'Passwords of application and system accounts are not hard coded' },
      { id: '10.2.1', title: 'Audit logs are enabled and active for all system components' },
      { id: '10.2.1.1', title: 'Audit logs capture all individual user access to cardholder data' },
      { id: '10.2.1.2', title: 'Audit logs capture all actions taken with administrative access' },
      { id: '10.3.2', title: 'Audit log files are protected from modification' },
      { id: '10.3.3', title: 'Audit log files are promptly backed up to a central, hard-to-alter store' },
      { id: '10.3.4', title: 'File integrity monitoring or change detection on audit logs' },
      { id: '10.5.1', title: 'Audit log history is kept at least 12 months, three months immediately available' },
      { id: '11.5.1', title: 'Intrusion-detection or intrusion-prevention techniques detect and alert on intrusions' },
      process('8.4.2', 'MFA for all access into the cardholder data environment', PEOPLE_MFA),
      process('9.1.1', 'Physical access to cardholder data is restricted (processes and mechanisms)', 'carried by the cloud providers'),
      process('10.4.1', 'Audit logs are reviewed at least once daily', 'the baseline keeps and forwards logs; the review is a process'),
      process('12.1.1', 'An information security policy is established, published, maintained and disseminated', 'a management process'),
      process('12.10.1', 'An incident response plan exists and is ready to be activated', 'an incident response plan is a people process'),
      process('12.6.1', 'A formal security awareness program', 'training is a people process'),
      process('12.8.1', 'A list of third-party service providers with which account data is shared is maintained', 'vendor management is a contract process'),
    ],
  },
  {
    id: 'gdpr',
    name: 'General Data Protection Regulation (EU) 2016/679',
    version: '2016/679',
    controls: [
      { id: 'Art. 25', title: 'Data protection by design and by default' },
      { id: 'Art. 32', title: 'Security of processing (encryption, confidentiality, integrity, availability, resilience, restore)' },
      process('Art. 28', 'Processor contracts (data processing agreements)', 'contracts with each cloud provider are a legal process'),
      process('Art. 30', 'Records of processing activities', 'a documentation process'),
      process('Art. 33', 'Notification of a personal data breach to the supervisory authority within 72 hours', 'an incident response process'),
      process('Art. 35', 'Data protection impact assessment', 'a management process'),
    ],
  },
  {
    id: 'cis',
    name: 'CIS Benchmarks',
    version: Object.values(CIS_BENCHMARKS).join('; '),
    controls: [
      process('AWS 1.5', 'MFA is enabled for the root user', 'the root user is not managed by this code'),
      process('AWS 1.10', 'MFA is enabled for every IAM user with a console password', PEOPLE_MFA),
      { id: 'AWS 1.8', title: 'IAM password policy requires a minimum length of 14 or more' },
      { id: 'AWS 1.9', title: 'IAM password policy prevents password reuse' },
      { id: 'AWS 1.15', title: 'IAM users receive permissions only through groups' },
      { id: 'AWS 1.16', title: 'IAM policies that allow full "*:*" administrative privileges are not attached' },
      { id: 'AWS 1.20', title: 'IAM Access Analyzer is enabled' },
      { id: 'AWS 2.1.1', title: 'S3 bucket policies deny HTTP requests' },
      { id: 'AWS 2.1.4', title: 'S3 buckets are configured with Block Public Access (bucket and account)' },
      { id: 'AWS 2.2.1', title: 'EBS volume encryption is enabled in all regions' },
      { id: 'AWS 2.3.1', title: 'RDS instances have encryption at rest' },
      { id: 'AWS 2.3.2', title: 'RDS instances have auto minor version upgrade' },
      { id: 'AWS 2.3.3', title: 'RDS instances are not publicly accessible' },
      { id: 'AWS 3.1', title: 'CloudTrail is enabled in all regions' },
      { id: 'AWS 3.2', title: 'CloudTrail log file validation is enabled' },
      { id: 'AWS 3.3', title: 'AWS Config is enabled in all regions' },
      { id: 'AWS 3.4', title: 'S3 bucket access logging is enabled on the CloudTrail S3 bucket' },
      { id: 'AWS 3.5', title: 'CloudTrail logs are encrypted at rest using KMS CMKs' },
      { id: 'AWS 3.6', title: 'Rotation for customer-created symmetric CMKs is enabled' },
      { id: 'AWS 3.7', title: 'VPC flow logging is enabled in all VPCs' },
      { id: 'AWS 5.2', title: 'No security group allows ingress from 0.0.0.0/0 to remote server administration ports' },
      { id: 'AWS 5.4', title: 'The default security group of every VPC restricts all traffic' },
      { id: 'AWS 5.6', title: 'EC2 metadata service allows IMDSv2 only' },
      { id: 'EKS 2.1.1', title: 'Control plane audit logs are enabled' },
      { id: 'EKS 5.1.1', title: 'Image vulnerability scanning with Amazon ECR image scanning' },
      { id: 'EKS 5.3.1', title: 'Kubernetes secrets are encrypted with customer master keys (KMS)' },
      { id: 'EKS 5.4.1', title: 'Access to the control plane endpoint is restricted' },
      { id: 'EKS 5.4.2', title: 'Clusters are created with private endpoint enabled and public access disabled' },
      { id: 'GCP 1.4', title: 'Only GCP-managed service account keys exist for each service account' },
      { id: 'GCP 1.10', title: 'KMS encryption keys are rotated within 90 days' },
      { id: 'GCP 2.1', title: 'Cloud Audit Logging is configured properly across all services and users' },
      { id: 'GCP 2.2', title: 'Sinks are configured for all log entries' },
      { id: 'GCP 2.3', title: 'Retention policies on log buckets are configured using Bucket Lock' },
      { id: 'GCP 3.1', title: 'The default network does not exist in a project' },
      { id: 'GCP 3.6', title: 'SSH access is restricted from the internet' },
      { id: 'GCP 3.7', title: 'RDP access is restricted from the internet' },
      { id: 'GCP 3.8', title: 'VPC flow logs are enabled for every subnet' },
      { id: 'GCP 4.4', title: 'OS Login is enabled for the project' },
      { id: 'GCP 4.5', title: 'Connecting to serial ports is not enabled for VM instances' },
      { id: 'GCP 5.1', title: 'Cloud Storage buckets are not anonymously or publicly accessible' },
      { id: 'GCP 5.2', title: 'Cloud Storage buckets have uniform bucket-level access enabled' },
      { id: 'GCP 6.4', title: 'Cloud SQL instances require all incoming connections to use SSL' },
      { id: 'GCP 6.5', title: 'Cloud SQL instances do not accept connections from 0.0.0.0/0' },
      { id: 'GCP 6.6', title: 'Cloud SQL instances do not have public IPs' },
      { id: 'GCP 6.7', title: 'Cloud SQL instances are configured with automated backups' },
      { id: 'Azure 3.1', title: 'Secure transfer required is enabled on storage accounts' },
      { id: 'Azure 3.7', title: 'Public access level is disabled for storage accounts with blob containers' },
      { id: 'Azure 3.8', title: 'Default network access rule for storage accounts is deny' },
      { id: 'Azure 3.15', title: 'Minimum TLS version for storage accounts is 1.2' },
      { id: 'Azure 5.1.1', title: 'A diagnostic setting exists for subscription activity logs' },
      { id: 'Azure 5.1.2', title: 'The diagnostic setting captures the appropriate categories' },
      { id: 'Azure 5.1.3', title: 'The storage container holding the activity logs is not publicly accessible' },
      { id: 'Azure 6.1', title: 'RDP access from the internet is evaluated and restricted' },
      { id: 'Azure 6.2', title: 'SSH access from the internet is evaluated and restricted' },
      { id: 'Azure 8.1', title: 'Expiration date is set for all keys in RBAC key vaults' },
      { id: 'Azure 8.3', title: 'Expiration date is set for all secrets in RBAC key vaults' },
      { id: 'Azure 8.5', title: 'Key vaults are recoverable (purge protection)' },
      { id: 'Azure 8.6', title: 'Role-based access control is enabled for Azure Key Vault' },
      { id: 'Azure 9.2', title: 'App Service web apps redirect all HTTP traffic to HTTPS' },
      { id: 'Azure 9.3', title: 'Web apps use the latest TLS version' },
      { id: 'Azure 9.5', title: 'Register with Entra ID (managed identity) is enabled on App Service' },
      { id: 'Azure 9.10', title: 'FTP deployments are disabled' },
      { id: 'K8S 5.1.6', title: 'Service account tokens are mounted only where necessary' },
      { id: 'K8S 5.2.2', title: 'Minimize the admission of privileged containers' },
      { id: 'K8S 5.2.3', title: 'Minimize the admission of containers sharing the host process ID namespace' },
      { id: 'K8S 5.2.4', title: 'Minimize the admission of containers sharing the host IPC namespace' },
      { id: 'K8S 5.2.5', title: 'Minimize the admission of containers sharing the host network namespace' },
      { id: 'K8S 5.2.6', title: 'Minimize the admission of containers with allowPrivilegeEscalation' },
      { id: 'K8S 5.2.7', title: 'Minimize the admission of root containers' },
      { id: 'K8S 5.2.9', title: 'Minimize the admission of containers with added capabilities' },
      { id: 'K8S 5.3.2', title: 'All namespaces have network policies defined' },
      { id: 'K8S 5.7.2', title: 'The seccomp profile is set to RuntimeDefault in pod definitions' },
    ],
  },
];

/** A framework of the catalogue by id. */
export function frameworkById(id: FrameworkId): Framework {
  const found = FRAMEWORKS.find((f) => f.id === id);
  if (!found) throw new Error(`framework "${id}" is missing from FRAMEWORKS`);
  return found;
}

/** Reads a GDPR id as the catalogue writes it: `32` and `Article 32` become `Art. 32`. */
export function normalizeControlId(framework: FrameworkId, id: string): string {
  if (framework !== 'gdpr') return id.trim();
  const article = /^(?:art(?:icle)?\.?\s*)?(\d+)$/i.exec(id.trim());
  return article ? `Art. ${article[1]}` : id.trim();
}
