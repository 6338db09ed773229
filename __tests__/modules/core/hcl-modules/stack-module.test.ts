import {
  type SynthesizedStack,
  buildHclModules,
  composeEnvironment,
  describeId,
  inferType,
  isSecretValue,
  moduleReadme,
  referenceName,
  rootReadme,
  stackToModule,
} from '../../../../modules/core/hcl-modules';

/** A producer and a consumer, as cdktf synthesizes them (trimmed). */
const network: SynthesizedStack = {
  name: 'prod-aws-network',
  json: {
    '//': { metadata: { stackName: 'prod-aws-network' } },
    terraform: {
      backend: { s3: { bucket: 'acme-tfstate', key: 'prod/prod-aws-network.tfstate', region: 'eu-west-1' } },
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    },
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { Environment: 'prod' } }] }] },
    resource: {
      aws_vpc: { network_vpc_4E8F0223: { cidr_block: '10.0.0.0/16' } },
      aws_subnet: {
        network_a_subnet_7A3408B0: { vpc_id: '${aws_vpc.network_vpc_4E8F0223.id}', count: 1 },
        network_b_subnet_3B40C4E8: { vpc_id: '${aws_vpc.network_vpc_4E8F0223.id}' },
      },
    },
    output: {
      vpc_id: { description: 'ID of the VPC', value: '${aws_vpc.network_vpc_4E8F0223.id}' },
      subnet_b_id: { value: '${aws_subnet.network_b_subnet_3B40C4E8.id}' },
      'cross-stack-output-aws_vpcnetwork_vpc_4E8F0223id': { sensitive: true, value: '${aws_vpc.network_vpc_4E8F0223.id}' },
      'cross-stack-output-aws_subnetnetwork_a_subnet_7A3408B0id': { sensitive: true, value: '${aws_subnet.network_a_subnet_7A3408B0.id}' },
      'cross-stack-output-aws_db_instancex_11FB0C6Dport': { value: '${aws_db_instance.x_11FB0C6D.port}' },
    },
  },
};

const database: SynthesizedStack = {
  name: 'prod-aws-database',
  json: {
    terraform: {
      backend: { s3: { bucket: 'acme-tfstate', key: 'prod/prod-aws-database.tfstate', region: 'eu-west-1' } },
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    },
    provider: {
      aws: [
        { region: 'eu-west-1', default_tags: [{ tags: { Environment: 'prod' } }] },
        { region: 'us-east-1', alias: 'secondary' },
      ],
    },
    data: {
      terraform_remote_state: {
        'cross-stack-reference-input-prod-aws-network': { backend: 's3', config: { key: 'prod/prod-aws-network.tfstate' } },
        'someone-elses-state': { backend: 's3', config: { key: 'other.tfstate' } },
      },
    },
    resource: {
      aws_security_group: {
        sg: {
          vpc_id: '${data.terraform_remote_state.cross-stack-reference-input-prod-aws-network.outputs.cross-stack-output-aws_vpcnetwork_vpc_4E8F0223id}',
          description: 'port ${data.terraform_remote_state.cross-stack-reference-input-prod-aws-network.outputs.cross-stack-output-aws_db_instancex_11FB0C6Dport}',
          tags: {
            a: '${jsonencode({"s" = data.terraform_remote_state.cross-stack-reference-input-prod-aws-network.outputs.cross-stack-output-aws_subnetnetwork_a_subnet_7A3408B0id})}',
          },
          provider: 'aws.secondary',
        },
      },
    },
    output: { security_group_id: { value: '${aws_security_group.sg.id}' } },
  },
  dependencies: ['prod-aws-network', 'prod-state-backend'],
};

const state: SynthesizedStack = {
  name: 'prod-state-backend',
  json: {
    terraform: { backend: { local: { path: 'x' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['333333333333'] }] },
    resource: { aws_s3_bucket: { bucket: { bucket: 'acme-tfstate' } } },
  },
};

const gcp: SynthesizedStack = {
  name: 'prod-gcp-network',
  json: {
    terraform: { required_providers: { google: { source: 'google', version: '6.50.0' } } },
    provider: { google: [{ project: 'p' }] },
    resource: { google_compute_network: { vpc_ABCDEF12: { name: 'vpc' } } },
    output: { 'cross-stack-output-google_compute_networkvpc_ABCDEF12self_link': { sensitive: true, value: '${google_compute_network.vpc_ABCDEF12.self_link}' } },
  },
};

const stacks = new Map([network, database, state, gcp].map((s) => [s.name, s]));

describe('stackToModule', () => {
  const m = stackToModule(database, stacks, 'prod');
  const json = m.json as any;

  it('drops the backend and the provider configuration', () => {
    expect(json.terraform.backend).toBeUndefined();
    expect(json.provider).toBeUndefined();
    expect(json['//']).toBeUndefined();
  });

  it('declares the aliased provider configurations the stack uses', () => {
    expect(json.terraform.required_providers).toEqual({
      aws: { source: 'aws', version: '5.100.0', configuration_aliases: ['aws.secondary'] },
    });
    expect(json.resource.aws_security_group.sg.provider).toBe('aws.secondary');
  });

  it('replaces every cross-stack read with a variable, also inside larger expressions', () => {
    expect(json.resource.aws_security_group.sg.vpc_id).toBe('${var.aws_network_vpc_id}');
    expect(json.resource.aws_security_group.sg.description).toBe('port ${var.aws_network_x_port}');
    expect(json.resource.aws_security_group.sg.tags.a).toBe('${jsonencode({"s" = var.aws_network_network_a_subnet_id})}');
    expect(JSON.stringify(json)).not.toContain('cross-stack-reference-input');
  });

  it('keeps remote-state reads that are not cdktf cross-stack references', () => {
    expect(Object.keys(json.data.terraform_remote_state)).toEqual(['someone-elses-state']);
  });

  it('types and describes each input, and marks none sensitive when none is a secret', () => {
    expect(json.variable).toEqual({
      aws_network_network_a_subnet_id: {
        type: 'string',
        description: '`aws_subnet.network_a_subnet_7A3408B0.id`. From stack prod-aws-network (output `cross-stack-output-aws_subnetnetwork_a_subnet_7A3408B0id`).',
        nullable: false,
      },
      aws_network_vpc_id: {
        type: 'string',
        description: 'ID of the VPC. From stack prod-aws-network (output `vpc_id`).',
        nullable: false,
      },
      aws_network_x_port: {
        type: 'number',
        description: '`aws_db_instance.x_11FB0C6D.port`. From stack prod-aws-network (output `cross-stack-output-aws_db_instancex_11FB0C6Dport`).',
        nullable: false,
      },
    });
  });

  it('marks an input sensitive when the producer output is a secret (a password, a pre-shared key) or a named sensitive output', () => {
    expect(isSecretValue('${random_password.dms-user_password_35AC952D.result}', false)).toBe(true);
    expect(isSecretValue('${aws_vpn_connection.a.tunnel1_preshared_key}', false)).toBe(true);
    expect(isSecretValue('${aws_vpc.network.id}', false)).toBe(false);
    expect(isSecretValue('${aws_vpc.network.id}', true)).toBe(true);
  });

  it('records which stack and output feed each input', () => {
    expect(m.inputs.map((i) => [i.name, i.producer, i.producerOutput])).toEqual([
      ['aws_network_network_a_subnet_id', 'prod-aws-network', 'cross-stack-output-aws_subnetnetwork_a_subnet_7A3408B0id'],
      ['aws_network_vpc_id', 'prod-aws-network', 'cross-stack-output-aws_vpcnetwork_vpc_4E8F0223id'],
      ['aws_network_x_port', 'prod-aws-network', 'cross-stack-output-aws_db_instancex_11FB0C6Dport'],
    ]);
  });

  it('keeps order-only dependencies apart from the ones read through values', () => {
    expect(m.orderOnlyDependencies).toEqual(['prod-state-backend']);
  });

  it('keeps every output and adds a description where the output has none', () => {
    const n = stackToModule(network, stacks, 'prod').json as any;
    expect(Object.keys(n.output)).toHaveLength(5);
    expect(n.output.vpc_id.description).toBe('ID of the VPC');
    expect(n.output.subnet_b_id.description).toBe('Subnet b ID (`aws_subnet.network_b_subnet_3B40C4E8.id`)');
    expect(n.output['cross-stack-output-aws_vpcnetwork_vpc_4E8F0223id']).toEqual({
      sensitive: true,
      value: '${aws_vpc.network_vpc_4E8F0223.id}',
      description: '`aws_vpc.network_vpc_4E8F0223.id`, read by other stacks of the environment',
    });
  });

  it('counts resource blocks by type, noting the repeated ones', () => {
    expect(stackToModule(network, stacks, 'prod').resources).toEqual([
      { kind: 'resource', type: 'aws_subnet', count: 2, repeated: 1 },
      { kind: 'resource', type: 'aws_vpc', count: 1, repeated: 0 },
    ]);
  });

  it('does not change the stack it reads', () => {
    expect((database.json as any).terraform.backend.s3.key).toBe('prod/prod-aws-database.tfstate');
    expect((database.json as any).resource.aws_security_group.sg.vpc_id).toMatch(/^\$\{data\.terraform_remote_state/);
  });
});

describe('inferType', () => {
  it.each([
    ['${aws_db_instance.x.port}', 'number'],
    ['${aws_vpc.x.id}', 'string'],
    ['${aws_vpc_endpoint.x.dns_entry[0].dns_name}', 'string'],
    ['${aws_db_subnet_group.x.subnet_ids}', 'list(string)'],
    ['${aws_x.y.deletion_protection}', 'bool'],
    ['${jsonencode(aws_x.y)}', 'any'],
    ['plain', 'string'],
    [5432, 'number'],
    [['a', 'b'], 'list(string)'],
    [{ a: 1 }, 'any'],
  ])('types %j as %s', (value, type) => {
    expect(inferType(value)).toBe(type);
  });
});

describe('names', () => {
  it('names an input after the reference without the cdktf hash', () => {
    expect(referenceName('google_sql_database_instance.postgres_instance_919E2690.server_ca_cert[0].cert')).toBe(
      'postgres_instance_server_ca_cert_0_cert',
    );
  });
  it('turns output ids into sentences', () => {
    expect(describeId('alerts_topic_arn')).toBe('Alerts topic ARN');
  });
});

describe('composeEnvironment', () => {
  const modules = [network, database, state, gcp].map((s) => stackToModule(s, stacks, 'prod'));
  const root = composeEnvironment('prod', modules);
  const json = root.json as any;

  it('wires each input to the producer module output the stack reads through remote state', () => {
    expect(json.module.aws_database).toEqual({
      source: '../../modules/prod-aws-database',
      aws_network_network_a_subnet_id: '${module.aws_network.cross-stack-output-aws_subnetnetwork_a_subnet_7A3408B0id}',
      aws_network_vpc_id: '${module.aws_network.cross-stack-output-aws_vpcnetwork_vpc_4E8F0223id}',
      aws_network_x_port: '${module.aws_network.cross-stack-output-aws_db_instancex_11FB0C6Dport}',
      depends_on: ['module.state_backend'],
      providers: { aws: 'aws', 'aws.secondary': 'aws.secondary' },
    });
  });

  it('configures the providers in the root, giving a differing configuration its own alias', () => {
    expect(json.provider.aws).toEqual([
      { region: 'eu-west-1', default_tags: [{ tags: { Environment: 'prod' } }] },
      { region: 'us-east-1', alias: 'secondary' },
      { region: 'eu-west-1', allowed_account_ids: ['333333333333'], alias: 'state_backend_default' },
    ]);
    expect(json.module.state_backend.providers).toEqual({ aws: 'aws.state_backend_default' });
    expect(json.provider.google).toEqual([{ project: 'p' }]);
    expect(json.terraform).toEqual({
      required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' }, google: { source: 'hashicorp/google', version: '6.50.0' } },
    });
  });

  it('has no backend', () => {
    expect(json.terraform.backend).toBeUndefined();
  });

  it('outputs the modules named outputs, not the cross-stack ones', () => {
    expect(Object.keys(json.output).sort()).toEqual(['aws_database_security_group_id', 'aws_network_subnet_b_id', 'aws_network_vpc_id']);
    expect(json.output.aws_network_vpc_id).toEqual({ value: '${module.aws_network.vpc_id}', description: 'ID of the VPC (module aws_network)' });
  });

  it('turns values from left-out modules into root variables', () => {
    const onlyDb = composeEnvironment('prod', modules, { name: 'prod-db', include: (m) => m.stack === 'prod-aws-database' });
    expect(onlyDb.excluded).toEqual(['prod-aws-network', 'prod-state-backend', 'prod-gcp-network']);
    expect((onlyDb.json as any).module.aws_database.aws_network_vpc_id).toBe('${var.aws_database_aws_network_vpc_id}');
    expect((onlyDb.json as any).variable.aws_database_aws_network_vpc_id).toMatchObject({ type: 'string', nullable: false });
    expect((onlyDb.json as any).module.aws_database.depends_on).toBeUndefined();
  });
});

describe('buildHclModules', () => {
  const result = buildHclModules([network, database, state, gcp]);

  it('writes one module per stack and the full and AWS-only roots per environment', () => {
    expect([...result.files.keys()].sort()).toEqual([
      'environments/prod-aws/README.md',
      'environments/prod-aws/main.tf.json',
      'environments/prod/README.md',
      'environments/prod/main.tf.json',
      'modules/prod-aws-database/README.md',
      'modules/prod-aws-database/main.tf.json',
      'modules/prod-aws-network/README.md',
      'modules/prod-aws-network/main.tf.json',
      'modules/prod-gcp-network/README.md',
      'modules/prod-gcp-network/main.tf.json',
      'modules/prod-state-backend/README.md',
      'modules/prod-state-backend/main.tf.json',
    ]);
    const awsRoot = result.roots.find((r) => r.name === 'prod-aws')!;
    expect(awsRoot.calls.map((c) => c.stack)).toEqual(['prod-aws-network', 'prod-aws-database', 'prod-state-backend']);
    expect(awsRoot.excluded).toEqual(['prod-gcp-network']);
  });

  it('documents resources, inputs, outputs and providers in each module README', () => {
    const readme = moduleReadme(result.modules.find((m) => m.stack === 'prod-aws-database')!);
    expect(readme).toContain('| aws_security_group | 1 |');
    expect(readme).toContain('| `aws_network_x_port` | `number` | n/a (required) |');
    expect(readme).toContain('| `security_group_id` | Security group ID (`aws_security_group.sg.id`) |');
    expect(readme).toContain('| `aws` | hashicorp/aws | 5.100.0 | aws.secondary |');
  });

  it('tells the user to bring a backend in the root README', () => {
    const readme = rootReadme(result.roots.find((r) => r.name === 'prod')!);
    expect(readme).toMatch(/## Backend\n\nNone is set/);
    expect(readme).toContain('key          = "prod/composed.tfstate"');
  });
});

describe('stackToModule: a cross-stack read it cannot turn into a variable', () => {
  it('throws naming the stack and the read (the whole remote state, not one of its outputs)', () => {
    const reader: SynthesizedStack = {
      name: 'prod-reader',
      dependencies: ['prod-aws-network'],
      json: {
        terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
        resource: { aws_ssm_parameter: { p: { name: 'p', type: 'String', value: '${jsonencode(data.terraform_remote_state.cross-stack-reference-input-prod-aws-network)}' } } },
      },
    };
    expect(() => stackToModule(reader, stacks, 'prod')).toThrow(
      'stack prod-reader: cross-stack read data.terraform_remote_state.cross-stack-reference-input-prod-aws-network was not turned into a variable',
    );
  });
});
