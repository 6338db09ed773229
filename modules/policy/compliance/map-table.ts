import { FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId, normalizeControlId, REF_KEYS } from './frameworks';
import type { BaselineControlSet } from './report';
import { RULE_CONTROLS } from './rule-controls';
import { appendTo } from '../../core/multimap';

/** Marks the start of the generated map in docs/compliance.md. */
export const MAP_TABLE_START = '<!-- compliance-map:start (generated: see __tests__/modules/policy/compliance/docs.test.ts) -->';
/** Marks the end of the generated map in docs/compliance.md. */
export const MAP_TABLE_END = '<!-- compliance-map:end -->';

/**
 * The Markdown of docs/compliance.md's "what covers what": per framework, each control with the
 * policy rules and baseline controls that can evidence it, or why no code can.
 */
export function complianceMapMarkdown(baselineControls: readonly BaselineControlSet[]): string {
  const supporters = new Map<string, string[]>();
  const add = (framework: FrameworkId, id: string, who: string): void => {
    const k = `${framework} ${normalizeControlId(framework, id)}`;
    appendTo(supporters, k, who);
  };
  for (const [rule, entry] of Object.entries(RULE_CONTROLS)) {
    for (const framework of FRAMEWORK_IDS) for (const id of entry.controls[REF_KEYS[framework]] ?? []) add(framework, id, rule);
  }
  for (const set of baselineControls) {
    for (const control of set.controls) {
      for (const framework of FRAMEWORK_IDS) {
        for (const id of control.frameworks[REF_KEYS[framework]] ?? []) add(framework, framework === 'cis' ? `${set.cisBenchmark} ${id}` : id, `**${control.id}**`);
      }
    }
  }
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const out: string[] = [];
  for (const framework of FRAMEWORKS) {
    out.push(`### ${framework.name}, ${framework.version}`, '', '| control | covered by |', '|---|---|');
    for (const c of framework.controls) {
      const who = supporters.get(`${framework.id} ${c.id}`) ?? [];
      const by = c.process ? `_process, not coverable: ${c.note ?? ''}_` : who.join(', ');
      out.push(`| ${cell(c.id)} ${cell(c.title)} | ${cell(by)} |`);
    }
    out.push('');
  }
  const none = Object.entries(RULE_CONTROLS).filter(([, e]) => e.reason);
  out.push('### Rules that support no framework control', '', '| rule | why |', '|---|---|');
  for (const [rule, e] of none) out.push(`| ${rule} | ${cell(e.reason ?? '')} |`);
  return out.join('\n');
}
