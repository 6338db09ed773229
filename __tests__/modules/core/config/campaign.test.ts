import { instanceTypeArchitecture } from '../../../../modules/aws/eks-node-group';
import { lambdaEnvironmentNameProblem } from '../../../../modules/aws/lambda-function';
import { azureVmSizeProblem } from '../../../../modules/azure/aks-node-pool';
import { storageIpRuleProblem } from '../../../../modules/azure/function-app';
import { gkeMachineTypeProblem } from '../../../../modules/gcp/gke-node-pool';
import { environmentProblems, parseEnvironmentText } from '../../../helpers/environment';

/**
 * Cases of the bad-input campaign (issue 8) that used to be accepted or were reported unclearly:
 * each is rejected with the file, the field path, the value and what is allowed.
 */
const FN = { code: 'apps/aws-api-handler' };
const FLEX = { codeFolder: 'apps/azure-function' };

describe('bad-input campaign', () => {
  describe('values the clouds refuse are rejected before any stack exists', () => {
    it.each<[string, Record<string, any>, string[]]>([
      [
        'a Lambda environment variable the runtime reserves',
        { aws: { functions: { functions: { api: { ...FN, environment: { AWS_REGION: 'eu-west-1' } } } } } },
        [
          'config/test.yaml: aws.functions.functions.api.environment.AWS_REGION "AWS_REGION" is reserved by the Lambda runtime, which sets it itself; use another name (reserved: _HANDLER, _X_AMZN_TRACE_ID, AWS_ACCESS_KEY, AWS_ACCESS_KEY_ID, AWS_DEFAULT_REGION, AWS_EXECUTION_ENV, AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_VERSION, AWS_LAMBDA_INITIALIZATION_TYPE, AWS_LAMBDA_LOG_GROUP_NAME, AWS_LAMBDA_LOG_STREAM_NAME, AWS_LAMBDA_RUNTIME_API, AWS_REGION, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, LAMBDA_RUNTIME_DIR, LAMBDA_TASK_ROOT)',
        ],
      ],
      [
        'Lambda environment variables above 4 KB together',
        { aws: { functions: { functions: { api: { ...FN, environment: { BIG: 'x'.repeat(4000), MORE: 'y'.repeat(100) } } } } } },
        [
          'config/test.yaml: aws.functions.functions.api.environment takes 4138 bytes (names and values, secrets\' ARNs included); Lambda allows 4096 bytes of environment variables per function: move large values to SSM parameters or Secrets Manager and pass their ARNs in "secrets"',
        ],
      ],
      [
        'a code folder outside the repository',
        { aws: { functions: { functions: { api: { code: '../../etc' } } } } },
        [
          'config/test.yaml: aws.functions.functions.api.code "../../etc" is not inside the repository; give a folder relative to the repository root, e.g. "apps/aws-api-handler"',
        ],
      ],
      [
        'an EKS instance type with a size its family does not have',
        { aws: { eks: { enabled: true, adminRoleArns: ['arn:aws:iam::123456789012:role/admin'], nodeGroups: { system: { instanceTypes: ['m7g.huge'] } } } } },
        [
          'config/test.yaml: aws.eks.nodeGroups.system.instanceTypes[0] "m7g.huge" is not an instance type of the m7g family; use m7g.<size> with size one of medium, large, xlarge, 2xlarge, 4xlarge, 8xlarge, 9xlarge, 12xlarge, 16xlarge, 18xlarge, 24xlarge, 32xlarge, 48xlarge, metal, metal-24xl, metal-48xl',
        ],
      ],
      [
        'a GKE machine type that is not of the Compute Engine form',
        { gcp: { gke: { enabled: true, nodePools: { general: { machineType: 'e2-giant-4' } } } } },
        [
          'config/test.yaml: gcp.gke.nodePools.general.machineType "e2-giant-4" is not a Compute Engine machine type; use <series>-<standard|highmem|highcpu|...>-<vCPUs> (e.g. "e2-standard-4"), a shared-core type ("e2-medium") or a custom type ("n2-custom-4-16384")',
        ],
      ],
      [
        'a Cloud Run image on the moving tag "latest" in an immutable repository',
        { gcp: { run: { services: { api: { image: 'api:latest' } } } } },
        [
          'config/test.yaml: gcp.run.services.api.image "api:latest" uses the moving tag "latest", but the repository keeps tags immutable (repository.immutableTags), so it can never be updated; use a version tag ("api:1.0.0") or a digest',
        ],
      ],
      [
        'a storage account name longer than 24 characters and one with capitals',
        { azure: { functions: { apps: { hello: { ...FLEX, storageAccountName: 'stprodhellofunctions12345' }, other: { ...FLEX, storageAccountName: 'StOther' } } } } },
        [
          'config/test.yaml: azure.functions.apps.hello.storageAccountName "stprodhellofunctions12345" is not a storage account name; use 3-24 lower-case letters and digits, no "-" (this one has 25 characters)',
          'config/test.yaml: azure.functions.apps.other.storageAccountName "StOther" is not a storage account name; use 3-24 lower-case letters and digits, no "-" (this one has 7 characters)',
        ],
      ],
      [
        'a function app name longer than 60 characters',
        { azure: { functions: { apps: { hello: { ...FLEX, name: 'f'.repeat(61) } } } } },
        [
          'config/test.yaml: azure.functions.apps.hello.name "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" is not a function app name; use 2-60 letters, digits and "-", not starting or ending with "-" (this one has 61 characters)',
        ],
      ],
      [
        'storage firewall ranges open to everyone, private or too wide',
        { azure: { functions: { apps: { hello: { ...FLEX, storageAllowedIpRanges: ['0.0.0.0/0', '10.0.0.0/24', '198.51.0.0/16', '203.0.113.7/32', '203.0.113.7'] } } } } },
        [
          'config/test.yaml: azure.functions.apps.hello.storageAllowedIpRanges[0] "0.0.0.0/0" opens the storage firewall to everyone; use the public IPv4 address of the deployer ("203.0.113.7") or a public block from /24 to /30 ("203.0.113.0/28")',
          'config/test.yaml: azure.functions.apps.hello.storageAllowedIpRanges[1] "10.0.0.0/24" is not a public address (private ranges reach storage through the VNet); use the public IPv4 address of the deployer ("203.0.113.7") or a public block from /24 to /30 ("203.0.113.0/28")',
          'config/test.yaml: azure.functions.apps.hello.storageAllowedIpRanges[2] "198.51.0.0/16" is wider than /24; use the public IPv4 address of the deployer ("203.0.113.7") or a public block from /24 to /30 ("203.0.113.0/28")',
          'config/test.yaml: azure.functions.apps.hello.storageAllowedIpRanges[3] "203.0.113.7/32" is a /32, which the storage firewall does not take as a range; use the public IPv4 address of the deployer ("203.0.113.7") or a public block from /24 to /30 ("203.0.113.0/28")',
        ],
      ],
      [
        'a function app code folder that does not exist',
        { azure: { functions: { apps: { hello: { codeFolder: 'apps/nope' } } } } },
        [
          'config/test.yaml: azure.functions.apps.hello.codeFolder "apps/nope" is not a folder of this repository; give a folder relative to the repository root, e.g. "apps/azure-function"',
        ],
      ],
      [
        'a container registry name longer than 50 characters',
        { azure: { containers: { registry: { name: `acr${'x'.repeat(48)}` } } } },
        [
          'config/test.yaml: azure.containers.registry.name "acrxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is not a registry name; use 5-50 letters and digits, no "-" (this one has 51 characters)',
        ],
      ],
      [
        'AKS pods per node above 250 and a VM size not of the Azure form',
        { addressPlan: { reserved: { 'aks-pods': '10.40.0.0/16', 'aks-services': '10.41.0.0/16' } }, azure: { aks: { enabled: true, nodePools: { work: { maxPods: 500, vmSize: 'Standard-D4ds_v5' } } } } },
        [
          'config/test.yaml: azure.aks.nodePools.work.vmSize "Standard-D4ds_v5" is not an Azure VM size; use "Standard_<family><vCPUs><features>[_v<generation>]", e.g. "Standard_D4ds_v5" (case-sensitive)',
          'config/test.yaml: azure.aks.nodePools.work.maxPods 500 is not allowed; use 10 to 250 pods per node',
        ],
      ],
      [
        'an EKS service range that overlaps the VPC',
        { aws: { eks: { enabled: true, adminRoleArns: ['arn:aws:iam::123456789012:role/admin'], nodeGroups: { system: {} }, serviceIpv4Cidr: '10.0.0.0/16' } } },
        [
          'config/test.yaml: aws.eks.serviceIpv4Cidr "10.0.0.0/16" overlaps the VPC range 10.0.0.0/16; use a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 that the VPC does not use, e.g. "172.20.0.0/16"',
        ],
      ],
      [
        'an EKS service range outside RFC 1918',
        { aws: { eks: { enabled: true, adminRoleArns: ['arn:aws:iam::123456789012:role/admin'], nodeGroups: { system: {} }, serviceIpv4Cidr: '100.64.0.0/16' } } },
        [
          'config/test.yaml: aws.eks.serviceIpv4Cidr "100.64.0.0/16" is not inside an RFC 1918 block; use a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 that the VPC does not use, e.g. "172.20.0.0/16"',
        ],
      ],
      [
        'an EKS service range smaller than /24',
        { aws: { eks: { enabled: true, adminRoleArns: ['arn:aws:iam::123456789012:role/admin'], nodeGroups: { system: {} }, serviceIpv4Cidr: '172.20.0.0/26' } } },
        [
          'config/test.yaml: aws.eks.serviceIpv4Cidr "172.20.0.0/26" is a /26; use a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 that the VPC does not use, e.g. "172.20.0.0/16"',
        ],
      ],
      [
        'an AKS taint with a misspelt effect',
        { addressPlan: { reserved: { 'aks-pods': '10.40.0.0/16', 'aks-services': '10.41.0.0/16' } }, azure: { aks: { enabled: true, nodePools: { work: { taints: ['dedicated=x:NoSchedul'] } } } } },
        [
          'config/test.yaml: azure.aks.nodePools.work.taints[0] "dedicated=x:NoSchedul" is not a taint; use key=value:Effect with Effect one of NoSchedule, PreferNoSchedule, NoExecute',
        ],
      ],
      [
        'a state key of another region than the bucket',
        { state: { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-44cd-86ef-1234567890ab' } },
        [
          'config/test.yaml: state.kmsKeyId "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-44cd-86ef-1234567890ab" is a key of region us-east-1, but the bucket is in state.region eu-west-1; S3 encrypts only with a key of the bucket\'s region: use a key (or multi-Region replica) in eu-west-1',
        ],
      ],
      [
        'skipAwsChecks against AWS itself',
        { state: { skipAwsChecks: true } },
        [
          'config/test.yaml: state.skipAwsChecks true is for S3-compatible stores only, but state.endpoints is not set, so the backend talks to AWS with its credential and region checks off; remove it, or set state.endpoints',
        ],
      ],
      [
        'node labels in the namespaces Kubernetes reserves, and a malformed one, on EKS',
        {
          aws: {
            eks: {
              enabled: true,
              adminRoleArns: ['arn:aws:iam::123456789012:role/admin'],
              nodeGroups: { system: { labels: { 'kubernetes.io/role': 'system', 'node.kubernetes.io/pool': 'system', 'Bad Key': 'x' } } },
            },
          },
        },
        [
          'config/test.yaml: aws.eks.nodeGroups.system.labels.kubernetes.io/role "kubernetes.io/role" uses the prefix "kubernetes.io/", which Kubernetes reserves (the kubelet refuses it, so the node never joins); use a prefix of your own domain (e.g. "example.com/role"), none, or node.kubernetes.io/',
          'config/test.yaml: aws.eks.nodeGroups.system.labels.Bad Key "Bad Key" is not a Kubernetes label key; use [prefix/]name with letters, digits, - _ . (name at most 63)',
        ],
      ],
      [
        'a node label in the prefix AKS keeps for itself',
        { addressPlan: { reserved: { 'aks-pods': '10.40.0.0/16', 'aks-services': '10.41.0.0/16' } }, azure: { aks: { enabled: true, nodePools: { work: { labels: { 'kubernetes.azure.com/mode': 'user' } } } } } },
        [
          'config/test.yaml: azure.aks.nodePools.work.labels.kubernetes.azure.com/mode "kubernetes.azure.com/mode" uses the prefix "kubernetes.azure.com/", which the cloud reserves for its own node labels; use a prefix of your own domain (e.g. "example.com/role") or none',
        ],
      ],
      [
        'a GKE node label in the k8s.io namespace',
        { gcp: { gke: { enabled: true, nodePools: { general: { labels: { 'k8s.io/x': 'y' } } } } } },
        [
          'config/test.yaml: gcp.gke.nodePools.general.labels.k8s.io/x "k8s.io/x" uses the prefix "k8s.io/", which Kubernetes reserves (the kubelet refuses it, so the node never joins); use a prefix of your own domain (e.g. "example.com/role"), none, or node.kubernetes.io/',
        ],
      ],
      [
        'a map key its schema refuses says why (not "Invalid key in record")',
        { aws: { functions: { functions: { api: { ...FN, environment: { '1BAD': 'x' } } } } } },
        [
          'config/test.yaml: aws.functions.functions.api.environment.1BAD "1BAD" is not an environment variable name; use letters, digits and _, not starting with a digit',
        ],
      ],
      [
        'a Key Vault id that is not an ARM id (the scope of a role assignment)',
        { azure: { functions: { apps: { hello: { ...FLEX, keyVaultId: '/subscriptions/x' } } } } },
        [
          'config/test.yaml: azure.functions.apps.hello.keyVaultId "/subscriptions/x" is not the ARM id of a Key Vault; expected "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>"',
        ],
      ],
      [
        'a secret resource id that names the vault, not the secret',
        {
          azure: {
            containers: {
              apps: {
                api: {
                  image: 'api:1.0.0',
                  keyVaultSecrets: {
                    T: {
                      secretId: 'https://kv-test.vault.azure.net/secrets/t',
                      resourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-test',
                    },
                  },
                },
              },
            },
          },
        },
        [
          'config/test.yaml: azure.containers.apps.api.keyVaultSecrets.T.resourceId "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/provid... is not the ARM id of a Key Vault secret; expected "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>"',
        ],
      ],
      [
        'the same policy suppression twice',
        {
          policy: {
            suppressions: [
              { rule: 'AWS-RDS-3', resource: 'postgres/primary', reason: 'single-AZ to save cost' },
              { rule: 'AWS-RDS-3', resource: 'postgres/primary', reason: 'single-AZ to save cost again' },
            ],
          },
        },
        [
          'config/test.yaml: policy.suppressions[1] {"rule":"AWS-RDS-3","resource":"postgres/primary"} suppresses the same rule and resource as policy.suppressions[0]; give each rule and resource once (one reason)',
        ],
      ],
      [
        'a schema\'s own message for an empty list or a short text (not "is out of range")',
        { aws: { functions: { api: { jwt: { issuer: 'https://auth.example.com/', audiences: [] } } } }, policy: { suppressions: [{ rule: 'AWS-RDS-3', reason: 'cost' }] } },
        [
          'config/test.yaml: policy.suppressions[0].reason "cost" is too short a reason; say why this environment accepts the finding (at least 10 characters)',
          'config/test.yaml: aws.functions.api.jwt.audiences [] is empty; give at least one audience (client id)',
        ],
      ],
    ])('%s', (_, patch, expected) => {
      expect(environmentProblems(patch)).toEqual(expected);
    });
  });

  describe('a root cause is reported without the problems derived from it', () => {
    it.each<[string, Record<string, any>, string[]]>([
      [
        'a database grant while aws.database has a problem of its own',
        { aws: { database: { enabled: true, backupRetentionDays: 40 }, functions: { functions: { api: { ...FN, vpc: true, database: 'read-write' } } } } },
        [
          'config/test.yaml: aws.database.backupRetentionDays 40 is out of range; allowed: a value <= 35',
        ],
      ],
      [
        'a Cloud SQL grant while gcp.database has a problem of its own',
        { gcp: { database: { enabled: true, diskSizeGb: -1 }, run: { services: { api: { image: 'api:1.0.0', cloudSql: true } } } } },
        [
          'config/test.yaml: gcp.database.diskSizeGb -1 is out of range; allowed: a value >= 10',
        ],
      ],
      [
        'an EKS service range while the VPC range has a problem of its own',
        { aws: { network: { cidr: '0.0.0.0/0' }, eks: { enabled: true, adminRoleArns: ['arn:aws:iam::123456789012:role/admin'], nodeGroups: { system: {} } } } },
        ['config/test.yaml: aws.network.cidr "0.0.0.0/0" is not a valid VPC size; AWS allows /16 to /28'],
      ],
      [
        'an address-plan range that is not private',
        { addressPlan: { reserved: { all: '0.0.0.0/0' } } },
        [
          'config/test.yaml: addressPlan.reserved.all "0.0.0.0/0" is not a private range; use RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or RFC 6598 (100.64.0.0/10) space',
        ],
      ],
      [
        'an address-plan range that overlaps many others, once',
        { addressPlan: { reserved: { wide: '10.0.0.0/8' } } },
        [
          'config/test.yaml: addressPlan.reserved.wide "10.0.0.0/8" overlaps aws.network.cidr "10.0.0.0/16", gcp.network.subnets.main.cidr "10.1.0.0/20", gcp.network.subnets.main.secondaryRanges.pods "10.4.0.0/14" and 9 more; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct',
        ],
      ],
    ])('%s', (_, patch, expected) => {
      expect(environmentProblems(patch)).toEqual(expected);
    });
  });

  it('reports no GKE subnet problem while gcp.network has no subnets at all (the root cause)', () => {
    const problems = environmentProblems({ gcp: { gke: { enabled: true, nodePools: { general: {} } } } }, (input) => {
      input.gcp.network.subnets = {};
    });
    expect(problems).toEqual([
      'config/test.yaml: gcp.network.subnets {} is empty; use at least one subnet, e.g. main: { cidr: 10.1.0.0/20 }',
    ]);
  });

  describe('YAML mistakes are named for what they are', () => {
    const text = (body: string) => `name: test\n${body}`;
    const problems = (body: string) => parseEnvironmentText('config/test.yaml', text(body)).problems.map((p) => `${p.file}: ${p.path} ${p.message}`);

    it('reports a tab once, not the errors the parser makes after it', () => {
      expect(problems('aws:\n\tregion: eu-west-1\n  accountId: "1"\n  network:\n    cidr: 10.0.0.0/16\ntags:\n  owner: a\n')).toEqual([
        'config/test.yaml:  is not valid YAML: indentation uses tabs (line 3); YAML indents with spaces only',
      ]);
    });

    it('refuses a YAML tag it does not know instead of dropping it', () => {
      expect(parseEnvironmentText('config/test.yaml', 'name: !Ref test\n').problems.map((p) => `${p.file}: ${p.path} ${p.message}`)).toEqual([
        'config/test.yaml:  is not valid here: unknown YAML tag: !Ref at line 1, column 7; environment files use plain values, remove the tag',
      ]);
    });

    it('names a second document for what it is', () => {
      expect(problems('---\nname: other\n')).toEqual([
        'config/test.yaml:  is not valid YAML: it holds more than one document (a "---" at line 2 starts another); keep one environment per file and remove the "---"',
      ]);
    });

    it('points at the line indented deeper than its siblings', () => {
      expect(problems('tags:\n  owner: a\n   costCentre: b\n')).toEqual([
        'config/test.yaml:  is not valid YAML: wrong indentation at line 4 (its key is indented deeper than the key on line 3, which holds a value); indent the keys of one mapping by the same number of spaces',
      ]);
    });
  });

  describe('values that only look right say why', () => {
    it.each<[string, Record<string, any>, string[]]>([
      ['a Cyrillic letter in a value', { aws: { network: { natGateways: 'per-\u0430z' } } }, [
          'config/test.yaml: aws.network.natGateways "per-\u0430z" (contains U+0430 at character 5, not plain ASCII: retype it) is not allowed; allowed values: "none", "single", "per-az"',
        ]],
      ['a no-break space after a CIDR', { aws: { network: { cidr: '10.0.0.0/16\u00a0' } } }, [
          'config/test.yaml: aws.network.cidr "10.0.0.0/16\u00a0" (contains U+00A0 at character 12, not plain ASCII: retype it) is not an IPv4 CIDR block; expected "a.b.c.d/n" with n from 0 to 32, e.g. "10.0.0.0/16"',
        ]],
      ['a zero-width space in a field name', { tags: { 'own\u200ber': 'x' } }, [
          'config/test.yaml: tags.own\u200ber is not a known field (contains U+200B at character 4, not plain ASCII: retype it) (did you mean "owner"?); allowed fields here: owner, costCentre, extra',
        ]],
      ['"yes" for a boolean', { aws: { database: { enabled: true, multiAz: 'yes' } } }, [
          'config/test.yaml: aws.database.multiAz "yes" has the wrong type: expected boolean, got string; write true or false without quotes (YAML 1.2 reads yes, no, on and off as text)',
        ]],
      ['a quoted number', { aws: { network: { availabilityZones: '3' } } }, [
          'config/test.yaml: aws.network.availabilityZones "3" has the wrong type: expected number, got string; write the number without quotes',
        ]],
      ['.nan for a number', { aws: { network: { availabilityZones: Number.NaN } } }, ['config/test.yaml: aws.network.availabilityZones .nan has the wrong type: expected number, got .nan (not a number)']],
      ['a fraction for a whole number', { aws: { network: { availabilityZones: 2.5 } } }, ['config/test.yaml: aws.network.availabilityZones 2.5 has the wrong type: expected a whole number, got number']],
      [
        'a huge number, reported once against the field\'s own bound',
        { aws: { database: { enabled: true, backupRetentionDays: 1e30 } } },
        ['config/test.yaml: aws.database.backupRetentionDays 1e+30 is out of range; allowed: a value <= 35'],
      ],
      ['a YAML merge key', { aws: { alerts: { '<<': { enabled: true } } } }, [
          'config/test.yaml: aws.alerts.<< is not a known field (YAML merge keys are not supported; write the fields out); allowed fields here: enabled, emails',
        ]],
    ])('%s', (_, patch, expected) => {
      expect(environmentProblems(patch)).toEqual(expected);
    });
  });
});

describe('rule functions the config layer shares with the constructs', () => {
  it.each<[string, string | undefined]>([
    ['AWS_LAMBDA_FUNCTION_NAME', 'is reserved by the Lambda runtime, which sets it itself'],
    ['_HANDLER', 'is reserved by the Lambda runtime, which sets it itself'],
    ['AWS_REGION_NAME', undefined],
    ['APP_VERSION', undefined],
  ])('lambdaEnvironmentNameProblem(%p)', (name, expected) => {
    const problem = lambdaEnvironmentNameProblem(name);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(new RegExp(`^${expected}; use another name \\(reserved: _HANDLER, `));
  });

  it.each<[string, boolean]>([
    ['Standard_D4ds_v5', true],
    ['Standard_NC24ads_A100_v4', true],
    ['Standard_E64-32s_v3', true],
    ['Standard_B2s', true],
    ['standard_d4ds_v5', false],
    ['D4ds_v5', false],
    ['Standard_', false],
  ])('azureVmSizeProblem(%p) accepts: %p', (size, ok) => {
    expect(azureVmSizeProblem(size) === undefined).toBe(ok);
  });

  it.each<[string, boolean]>([
    ['e2-standard-4', true],
    ['c3-highmem-8-lssd', true],
    ['n2-custom-4-16384', true],
    ['e2-medium', true],
    ['a2-highgpu-1g', true],
    ['e2-standard', false],
    ['E2-standard-4', false],
    ['e2-giant-4', false],
  ])('gkeMachineTypeProblem(%p) accepts: %p', (type, ok) => {
    expect(gkeMachineTypeProblem(type) === undefined).toBe(ok);
  });

  it.each<[string, string | undefined]>([
    ['203.0.113.7', undefined],
    ['203.0.113.0/28', undefined],
    ['203.0.113.0/24', undefined],
    ['*', 'opens the storage firewall to everyone'],
    ['192.168.1.0/24', 'is not a public address (private ranges reach storage through the VNet)'],
    ['203.0.113.0/31', 'is a /31, which the storage firewall does not take as a range'],
    ['203.0.0.0/23', 'is wider than /24'],
  ])('storageIpRuleProblem(%p)', (range, expected) => {
    const problem = storageIpRuleProblem(range);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toBe(`${expected}; use the public IPv4 address of the deployer ("203.0.113.7") or a public block from /24 to /30 ("203.0.113.0/28")`);
  });

  it('names the instance sizes of burstable and other EKS families', () => {
    expect(instanceTypeArchitecture('t4g.micro')).toEqual({ arch: 'arm64' });
    expect(instanceTypeArchitecture('m7i.metal-24xl')).toEqual({ arch: 'x86_64' });
    expect(instanceTypeArchitecture('t3.4xlarge').problem).toBe('is not an instance type of the t3 family; use t3.<size> with size one of nano, micro, small, medium, large, xlarge, 2xlarge');
    expect(instanceTypeArchitecture('m7g').problem).toMatch(/^is not an instance type of the m7g family; use m7g.<size>/);
  });
});
