import type { StackNode } from '.';
import type { StackFamily } from './family';

/**
 * The registry as the README's stack table: one row per family, in deploy order, with its
 * backend, what it holds, when it exists and what it needs first.
 */
export function stackTableMarkdown(families: readonly StackFamily<any, any>[]): string {
  const rows = [
    '| stack | backend | what | created when | deployed after |',
    '|---|---|---|---|---|',
    ...families.map(
      (f) =>
        `| \`<env>-${f.id}\` | ${f.backend ?? 'S3'} | ${f.description} | ${f.enabledWhen} | ${
          [
            ...f.dependsOn.map((d) => `\`<env>-${d.id}\``),
            ...(f.conditionalDependsOn ?? []).map((d) => `\`<env>-${d.family.id}\` (${d.description})`),
          ].join(', ') || '-'
        } |`,
    ),
  ];
  return rows.join('\n');
}

/** A node of the graph: a stack, the stacks it needs, and those it needs only with some settings. */
export interface GraphNode extends Pick<StackNode, 'name' | 'dependsOn'> {
  readonly sometimesDependsOn?: readonly string[];
}

/**
 * A Mermaid flowchart of stacks and their dependencies: an arrow points from a stack to one that
 * needs it; a dotted arrow, to one that needs it only with some settings.
 */
export function stackGraphMermaid(nodes: readonly GraphNode[]): string {
  const id = (name: string) => name.replace(/[^A-Za-z0-9]/g, '_');
  const lines = ['```mermaid', 'flowchart LR'];
  for (const n of nodes) lines.push(`  ${id(n.name)}["${n.name}"]`);
  for (const n of nodes) for (const d of n.dependsOn) lines.push(`  ${id(d)} --> ${id(n.name)}`);
  for (const n of nodes) for (const d of n.sometimesDependsOn ?? []) lines.push(`  ${id(d)} -.-> ${id(n.name)}`);
  lines.push('```');
  return lines.join('\n');
}

/** Every family as a graph node of a generic environment `<env>` (for the README). */
export function familyGraphNodes(families: readonly StackFamily<any, any>[]): GraphNode[] {
  return families.map((f) => ({
    name: `<env>-${f.id}`,
    dependsOn: f.dependsOn.map((d) => `<env>-${d.id}`),
    sometimesDependsOn: [...new Set((f.conditionalDependsOn ?? []).map((d) => `<env>-${d.family.id}`))],
  }));
}
