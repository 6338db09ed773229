import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { TerraformStack, Testing } from 'cdktf';
import type { ComplianceReport, ComplianceResource, ControlResult } from '../../../../modules/policy/compliance/report';
import {
  complianceMarkdown,
  complianceReport,
  resourceInventory,
  summarizeComplianceReport,
  writeComplianceReport,
} from '../../../../modules/policy/compliance/report';
import { ValidationError } from '../../../../modules/core/validation-error';
import { POLICY_REPORT, TRAIL_SET } from './fixtures';

const RESOURCES: readonly ComplianceResource[] = [
  { type: 'aws_cloudtrail', address: 'aws_cloudtrail.trail', stack: 'prod-aws-baseline' },
  { type: 'aws_kms_key', address: 'aws_kms_key.trail', stack: 'prod-aws-baseline' },
  // dev: a key without a trail, and a trail outside the baseline stack: neither evidences the control.
  { type: 'aws_kms_key', address: 'aws_kms_key.trail', stack: 'dev-aws-baseline' },
  { type: 'aws_cloudtrail', address: 'aws_cloudtrail.other', stack: 'dev-aws-network' },
];

const ENVIRONMENTS = [
  { name: 'dev', frameworks: [] },
  { name: 'prod', frameworks: ['pci-dss', 'hipaa'] },
];

const report = (): ComplianceReport => complianceReport(POLICY_REPORT, [TRAIL_SET], ENVIRONMENTS, RESOURCES);

function control(r: ComplianceReport, env: string, framework: string, id: string): ControlResult {
  const found = r.environments.find((e) => e.name === env)?.frameworks.find((f) => f.framework === framework)?.controls.find((c) => c.id === id);
  if (!found) throw new Error(`no control ${framework} ${id} in ${env}`);
  return found;
}

describe('complianceReport', () => {
  it('marks a control covered by a compliant finding, naming the rule and resource', () => {
    expect(control(report(), 'dev', 'hipaa', '164.312(a)(2)(iv)')).toMatchObject({
      status: 'covered',
      evidence: [{ kind: 'rule', rule: 'AWS-RDS-1', stack: 'dev-aws-database', resource: 'aws_db_instance.db' }],
      failing: [],
      suppressed: [],
    });
  });

  it('marks a control failing when a mapped rule has an open breach', () => {
    expect(control(report(), 'dev', 'pci-dss', '1.4.4')).toMatchObject({
      status: 'failing',
      evidence: [],
      failing: [{ rule: 'AWS-RDS-5', level: 'error', stack: 'dev-aws-database', resource: 'aws_db_instance.db' }],
    });
  });

  it('marks a control failing on an open warning too, with the level', () => {
    const warning = {
      ...POLICY_REPORT,
      findings: [{ rule: 'AWS-RDS-8', level: 'warning' as const, resource: 'aws_db_instance.db', path: 'dev-aws-database/db', stack: 'dev-aws-database', status: 'non-compliant' as const }],
    };
    expect(control(complianceReport(warning, [], ENVIRONMENTS), 'dev', 'pci-dss', '7.2.1')).toMatchObject({
      status: 'failing',
      failing: [{ rule: 'AWS-RDS-8', level: 'warning', stack: 'dev-aws-database', resource: 'aws_db_instance.db' }],
    });
  });

  it('reports suppressed breaches with their reason, and never as covered without evidence', () => {
    const a12 = control(report(), 'dev', 'soc2', 'A1.2');
    expect(a12.status).toBe('suppressed');
    expect(a12.evidence).toEqual([]);
    expect(a12.suppressed).toEqual([
      { rule: 'AWS-RDS-3', level: 'error', stack: 'dev-aws-database', resource: 'aws_db_instance.db', reason: 'dev runs one instance to save cost', suppressedBy: 'environment' },
    ]);
  });

  it('marks a control with evidence and a suppressed breach as covered with exceptions', () => {
    // Art. 32: AWS-RDS-1 compliant, AWS-RDS-3 suppressed, AWS-RDS-5 open -> the open breach wins.
    expect(control(report(), 'dev', 'gdpr', 'Art. 32').status).toBe('failing');
    const withoutOpen = { ...POLICY_REPORT, findings: POLICY_REPORT.findings.filter((f) => f.rule !== 'AWS-RDS-5') };
    const art32 = control(complianceReport(withoutOpen, [], ENVIRONMENTS), 'dev', 'gdpr', 'Art. 32');
    expect(art32.status).toBe('covered-with-exceptions');
    expect(art32.suppressed.map((s) => s.reason)).toEqual(['dev runs one instance to save cost']);
  });

  it('marks nothing covered in an environment without findings or baseline resources', () => {
    const r = complianceReport(POLICY_REPORT, [TRAIL_SET], [{ name: 'staging', frameworks: [] }], RESOURCES);
    const statuses = new Set(r.environments[0]?.frameworks.flatMap((f) => f.controls.map((c) => c.status)));
    expect([...statuses].sort()).toEqual(['not-evidenced', 'process']);
    expect(control(r, 'staging', 'hipaa', '164.312(a)(2)(iv)')).toMatchObject({
      status: 'not-evidenced',
      supportedBy: expect.objectContaining({ rules: expect.arrayContaining(['AWS-RDS-1', 'AWS-S3-2']) }),
    });
  });

  it('marks a baseline control covered only by a resource of its first type in the environment baseline stack', () => {
    const r = report();
    expect(control(r, 'prod', 'hipaa', '164.312(b)')).toMatchObject({
      status: 'covered',
      evidence: [
        { kind: 'baseline', control: 'AWS-BL-CLOUDTRAIL', stack: 'prod-aws-baseline', resource: 'aws_cloudtrail.trail' },
        { kind: 'baseline', control: 'AWS-BL-CLOUDTRAIL', stack: 'prod-aws-baseline', resource: 'aws_kms_key.trail' },
      ],
    });
    expect(control(r, 'prod', 'cis', 'AWS 3.1').status).toBe('covered');
    expect(control(r, 'prod', 'gdpr', 'Art. 32').status).toBe('covered');
    expect(control(r, 'dev', 'hipaa', '164.312(b)').status).toBe('not-evidenced');
    expect(control(r, 'dev', 'cis', 'AWS 3.1').status).toBe('not-evidenced');
  });

  it('keeps findings in their own environment', () => {
    expect(control(report(), 'prod', 'hipaa', '164.312(a)(2)(iv)').status).toBe('not-evidenced');
  });

  it('lists process controls as not coverable, in every environment, with why', () => {
    const r = report();
    expect(control(r, 'prod', 'hipaa', '164.312(d)')).toMatchObject({ status: 'process', evidence: [], note: expect.stringMatching(/identity provider/) });
    expect(control(r, 'dev', 'soc2', 'CC7.4').status).toBe('process');
    expect(r.notCoverable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ framework: 'pci-dss', id: '8.4.2', title: expect.stringMatching(/MFA/) }),
        expect.objectContaining({ framework: 'soc2', id: 'CC7.4', title: expect.stringMatching(/Incident response/) }),
        expect.objectContaining({ framework: 'soc2', id: 'CC9.2' }),
        expect.objectContaining({ framework: 'hipaa', id: '164.308(a)(5)(i)' }),
      ])
    );
  });

  it('records the frameworks each environment claims', () => {
    const r = report();
    expect(r.environments.map((e) => [e.name, e.claims])).toEqual([
      ['dev', []],
      ['prod', ['pci-dss', 'hipaa']],
    ]);
    expect(r.environments[1]?.frameworks.map((f) => [f.framework, f.claimed])).toEqual([
      ['soc2', false],
      ['hipaa', true],
      ['pci-dss', true],
      ['gdpr', false],
      ['cis', false],
    ]);
  });

  it('counts the controls of each framework by status', () => {
    const soc2 = report().environments[0]?.frameworks.find((f) => f.framework === 'soc2');
    // CC6.1 covered (RDS-1), CC6.6 failing (RDS-5), A1.2 suppressed (RDS-3); 11 process controls.
    expect(soc2?.summary).toEqual({ covered: 1, 'covered-with-exceptions': 0, failing: 1, suppressed: 1, 'not-evidenced': 7, process: 11 });
  });

  it('rejects an environment claiming a framework the map does not know, naming the file, field and the allowed values', () => {
    const claim = () => complianceReport(POLICY_REPORT, [], [{ name: 'prod', frameworks: ['pci-dss', 'iso27001'], source: 'config/prod.yaml' }]);
    expect(claim).toThrow(ValidationError);
    expect(claim).toThrow(/config\/prod\.yaml: prop complianceFrameworks\[1\] "iso27001" is not a framework of the compliance map; use one of soc2, hipaa, pci-dss, gdpr, cis/);
  });

  it('rejects a report with a rule the map does not know', () => {
    const stale = { ...POLICY_REPORT, rules: [...POLICY_REPORT.rules, { id: 'AWS-NEW-1', level: 'error' as const, summary: 'new' }] };
    expect(() => complianceReport(stale, [], ENVIRONMENTS)).toThrow(/AWS-NEW-1: the rule has no entry in RULE_CONTROLS/);
  });

  it('rejects a baseline control that names a control missing from the catalogue', () => {
    const bad = { ...TRAIL_SET, controls: [{ ...TRAIL_SET.controls[0]!, frameworks: { pci: ['10.9.9'] } }] };
    expect(() => complianceReport(POLICY_REPORT, [bad], ENVIRONMENTS)).toThrow(/AWS-BL-CLOUDTRAIL: pci-dss control "10.9.9" is not in the framework catalogue/);
  });
});

describe('summarizeComplianceReport and complianceMarkdown', () => {
  it('summarizes each environment and framework in one line', () => {
    const lines = summarizeComplianceReport(report());
    expect(lines).toContain('dev soc2: 1 covered, 1 failing, 1 suppressed, 7 not evidenced, 11 process');
    expect(lines.filter((l) => l.startsWith('prod pci-dss (claimed):'))).toHaveLength(1);
  });

  it('shows failing and suppressed breaches with their reasons, and what cannot be covered', () => {
    const md = complianceMarkdown(report());
    expect(md).toContain('| 1.4.4 System components that store cardholder data are not directly accessible from untrusted networks | FAILING | - | open error: AWS-RDS-5 on aws_db_instance.db |');
    expect(md).toContain('suppressed: AWS-RDS-3 on aws_db_instance.db (dev runs one instance to save cost)');
    expect(md).toMatch(/## Not coverable by infrastructure code[\s\S]*\| pci-dss \| 8\.4\.2 MFA/);
  });
});

describe('writeComplianceReport', () => {
  it('writes compliance/report.json and report.md beside it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-'));
    const r = report();
    const file = writeComplianceReport(r, dir);
    expect(file).toBe(path.join(dir, 'compliance', 'report.json'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(r);
    expect(fs.readFileSync(path.join(dir, 'compliance', 'report.md'), 'utf8')).toMatch(/^# Compliance report/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('resourceInventory', () => {
  it('lists every resource of every stack with type, address and stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'prod-aws-baseline');
    new Cloudtrail(stack, 'trail', { name: 'audit', s3BucketName: 'audit-bucket' });
    expect(resourceInventory(app)).toEqual([{ type: 'aws_cloudtrail', address: 'aws_cloudtrail.trail', stack: 'prod-aws-baseline' }]);
  });
});
