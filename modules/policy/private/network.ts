import type { PolicyResource } from '../rule';
import type { Attrs } from './attrs';
import { asList, blocks, isRef, isWorld, portRangeIncludes } from './attrs';

/** One inbound rule, whatever resource type declared it. */
export interface IngressRule {
  /** Whether the source is the whole internet (0.0.0.0/0, ::/0, `*`, `Internet`). */
  readonly world: boolean;
  /** Whether the rule covers the port (unknown ranges count as not covering it). */
  covers(port: number): boolean;
  /** Whether the rule allows only ports from `allowed` (all ports or an unknown range is false). */
  onlyPorts(allowed: readonly number[]): boolean;
  /** The rule's description. */
  readonly description: unknown;
}

function fromTo(from: unknown, to: unknown, protocol: unknown): Pick<IngressRule, 'covers' | 'onlyPorts'> {
  const all = protocol === '-1' || protocol === 'all' || protocol === -1;
  const f = Number(from);
  const t = Number(to ?? from);
  return {
    covers: (port) => all || (!isRef(from) && !isRef(to) && port >= f && port <= t),
    onlyPorts: (allowed) => !all && !isRef(from) && !isRef(to) && f === t && allowed.includes(f),
  };
}

/** Inbound rules of an AWS security group, a security group rule or a VPC security group ingress rule. */
export function awsIngressRules(r: PolicyResource): IngressRule[] {
  const a = r.attrs;
  const one = (x: Attrs, world: boolean): IngressRule => ({
    world,
    description: x.description,
    ...fromTo(x.from_port, x.to_port, x.ip_protocol ?? x.protocol),
  });
  switch (r.type) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      return blocks(a.ingress).map((x) => one(x, isWorld(x.cidr_blocks) || isWorld(x.ipv6_cidr_blocks)));
    case 'aws_security_group_rule':
      return a.type === 'ingress' ? [one(a, isWorld(a.cidr_blocks) || isWorld(a.ipv6_cidr_blocks))] : [];
    case 'aws_vpc_security_group_ingress_rule':
      return [one(a, isWorld(a.cidr_ipv4) || isWorld(a.cidr_ipv6))];
    default:
      return [];
  }
}

/** Inbound allow rules of an Azure network security group or security rule. */
export function azureIngressRules(r: PolicyResource): IngressRule[] {
  const rules = r.type === 'azurerm_network_security_group' ? blocks(r.attrs.security_rule) : [r.attrs];
  return rules
    .filter((x) => String(x.direction).toLowerCase() === 'inbound' && String(x.access).toLowerCase() === 'allow')
    .map((x) => {
      const ranges = [...asList(x.destination_port_range), ...asList(x.destination_port_ranges)];
      return {
        world: isWorld(x.source_address_prefix) || isWorld(x.source_address_prefixes),
        description: x.description,
        covers: (port: number) => ranges.some((p) => portRangeIncludes(p, port)),
        onlyPorts: (allowed: readonly number[]) =>
          ranges.length > 0 && ranges.every((p) => !isRef(p) && allowed.map(String).includes(String(p).trim())),
      };
    });
}

/** Inbound allow rules of a GCP firewall (an egress or deny firewall has none). */
export function gcpIngressRules(r: PolicyResource): IngressRule[] {
  const a = r.attrs;
  if ((a.direction !== undefined && a.direction !== 'INGRESS') || a.disabled === true) return [];
  const world = isWorld(a.source_ranges);
  return blocks(a.allow).map((x) => {
    const protocol = String(x.protocol).toLowerCase();
    const ports = asList(x.ports);
    const any = protocol === 'all' || ports.length === 0;
    return {
      world,
      description: a.description,
      covers: (port: number) =>
        (protocol === 'all' || protocol === 'tcp' || protocol === 'udp') &&
        (any || ports.some((p) => portRangeIncludes(p, port))),
      onlyPorts: (allowed: readonly number[]) =>
        !any && ports.every((p) => !isRef(p) && allowed.map(String).includes(String(p))),
    };
  });
}
