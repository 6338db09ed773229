import * as fs from 'node:fs';
import * as path from 'node:path';
import { complianceMapMarkdown, MAP_TABLE_END, MAP_TABLE_START } from '../../../../modules/policy/compliance/map-table';
import { BASELINE_SETS } from './fixtures';

const DOC = path.join(__dirname, '../../../../docs/compliance.md');

describe('docs/compliance.md', () => {
  it('holds the current compliance map (regenerate it with complianceMapMarkdown, see the doc)', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const start = doc.indexOf(MAP_TABLE_START);
    const end = doc.indexOf(MAP_TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const table = complianceMapMarkdown(BASELINE_SETS);
    const current = doc.slice(start + MAP_TABLE_START.length, end).trim();
    expect(current).toBe(table);
  });

  it('lists a process control with its reason and a rule under the control it supports', () => {
    const table = complianceMapMarkdown(BASELINE_SETS);
    expect(table).toContain('| 164.312(d) Person or entity authentication (MFA for people) | _process, not coverable:');
    expect(table).toMatch(/\| 3\.5\.1 Stored account data is rendered unreadable \(strong cryptography\) \| [^\n]*AWS-RDS-1[^\n]*\|/);
    expect(table).toMatch(/\| AWS 3\.1 CloudTrail is enabled in all regions \| \*\*AWS-BL-CLOUDTRAIL\*\* \|/);
  });
});
