import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { costInventory, writeCostInventory } from '../../../modules/core/cost-inventory';

const STACKS = {
  'prod-aws-network': {
    resource: {
      aws_nat_gateway: { 'network_nat-a_1': { connectivity_type: 'public', '//': { metadata: { path: 'prod-aws-network/network/nat-a' } } }, 'network_nat-b_2': { connectivity_type: 'public' } },
      aws_vpc: { network_vpc: { cidr_block: '10.0.0.0/16' } },
    },
  },
  'prod-aws-database': {
    resource: {
      aws_db_instance: { pg: { instance_class: 'db.r7g.large', allocated_storage: 100, max_allocated_storage: 500, multi_az: true, password: 'never-listed' } },
      aws_eks_node_group: { ng: { instance_types: ['m7g.large'], scaling_config: [{ desired_size: 3, min_size: 2, max_size: 6 }] } },
      aws_instance: { bastion: { instance_type: 't4g.micro', count: 2 } },
    },
  },
  'prod-empty': {},
};

describe('costInventory', () => {
  const inventory = costInventory(STACKS);

  it('lists every billable resource per stack, sorted, with its size choices only', () => {
    expect(Object.keys(inventory.stacks)).toEqual(['prod-aws-database', 'prod-aws-network', 'prod-empty']);
    expect(inventory.stacks['prod-aws-database']!.resources).toEqual([
      { address: 'aws_db_instance.pg', size: { instance_class: 'db.r7g.large', allocated_storage: 100, max_allocated_storage: 500, multi_az: true } },
      { address: 'aws_eks_node_group.ng', size: { instance_types: ['m7g.large'], 'scaling_config.desired_size': 3, 'scaling_config.min_size': 2, 'scaling_config.max_size': 6 } },
      { address: 'aws_instance.bastion', size: { instance_type: 't4g.micro', count: 2 } },
    ]);
  });

  it('counts NAT gateways and other resources per type, with count', () => {
    expect(inventory.stacks['prod-aws-network']!.counts).toEqual({ aws_nat_gateway: 2 });
    expect(inventory.stacks['prod-aws-database']!.counts).toEqual({ aws_db_instance: 1, aws_eks_node_group: 1, aws_instance: 2 });
    expect(inventory.stacks['prod-empty']).toEqual({ resources: [], counts: {} });
  });

  it('keeps the construct path and leaves out resources that bill nothing', () => {
    expect(inventory.stacks['prod-aws-network']!.resources[0]).toEqual({ address: 'aws_nat_gateway.network_nat-a_1', path: 'prod-aws-network/network/nat-a', size: { connectivity_type: 'public' } });
    expect(JSON.stringify(inventory)).not.toContain('aws_vpc');
    expect(JSON.stringify(inventory)).not.toContain('never-listed');
  });

  it('writes cost/inventory.json from the synthesized stacks', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-'));
    fs.mkdirSync(path.join(out, 'stacks', 'prod-aws-network'), { recursive: true });
    fs.writeFileSync(path.join(out, 'stacks', 'prod-aws-network', 'cdk.tf.json'), JSON.stringify(STACKS['prod-aws-network']));
    const file = writeCostInventory(out);
    expect(file).toBe(path.join(out, 'cost', 'inventory.json'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).stacks['prod-aws-network'].counts).toEqual({ aws_nat_gateway: 2 });
  });
});
