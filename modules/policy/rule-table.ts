import type { PolicyRule } from './rule';

/** Marks the start of the generated rule table in docs/policy.md. */
export const RULE_TABLE_START = '<!-- policy-rules:start (generated: see __tests__/modules/policy/docs.test.ts) -->';
/** Marks the end of the generated rule table in docs/policy.md. */
export const RULE_TABLE_END = '<!-- policy-rules:end -->';

/** The Markdown rule table of docs/policy.md: id, level, summary, resource types, checkov id. */
export function ruleTableMarkdown(rules: readonly PolicyRule[]): string {
  const types = (list: readonly string[]): string =>
    list.length > 6
      ? `Kubernetes workloads (${list.length} types: \`${list[0]}\`, \`${list[1]}\`, ...)`
      : list.map((t) => `\`${t}\``).join(', ');
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = rules.map(
    (r) => `| ${r.id} | ${r.level} | ${cell(r.summary)} | ${types(r.resourceTypes)} | ${r.checkov ?? '-'} |`
  );
  return ['| id | level | rule | resource types | checkov |', '|---|---|---|---|---|', ...rows].join('\n');
}
