import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_TABLE_END, RULE_TABLE_START, ruleTableMarkdown } from '../../../modules/policy/rule-table';
import { ALL_RULES } from '../../../modules/policy/rules';

const DOC = path.join(__dirname, '..', '..', '..', 'docs', 'policy.md');

describe('docs/policy.md', () => {
  it('lists every rule of the pack (id, level, summary, resource types, checkov id)', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const start = doc.indexOf(RULE_TABLE_START);
    const end = doc.indexOf(RULE_TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const documented = doc.slice(start + RULE_TABLE_START.length, end).trim();
    const expected = ruleTableMarkdown(ALL_RULES);
    if (documented !== expected) {
      throw new Error(`docs/policy.md rule table is out of date; paste this between the markers:\n\n${expected}\n`);
    }
  });

  it('states the rule count it claims', () => {
    expect(fs.readFileSync(DOC, 'utf8')).toContain(`${ALL_RULES.length} rules over AWS, GCP, Azure and Kubernetes`);
  });
});
