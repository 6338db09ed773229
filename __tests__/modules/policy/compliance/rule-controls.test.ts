import { ALL_RULES } from '../../../../modules/policy/rules';
import { FRAMEWORK_IDS, FRAMEWORKS, normalizeControlId } from '../../../../modules/policy/compliance/frameworks';
import { complianceMapProblems } from '../../../../modules/policy/compliance/report';
import { RULE_CONTROLS } from '../../../../modules/policy/compliance/rule-controls';
import { COMPLIANCE_FRAMEWORKS } from '../../../../stacks/aws-baseline/config';
import { BASELINE_SETS } from './fixtures';

const ruleIds = ALL_RULES.map((r) => r.id);

/** Every (framework, control id) referenced by a rule or a baseline control, as `framework id`. */
function referenced(): Set<string> {
  const out = new Set<string>();
  const keys = { soc2: 'soc2', hipaa: 'hipaa', pci: 'pci-dss', gdpr: 'gdpr', cis: 'cis' } as const;
  for (const entry of Object.values(RULE_CONTROLS)) {
    for (const [k, ids] of Object.entries(entry.controls)) for (const id of ids ?? []) out.add(`${keys[k as keyof typeof keys]} ${id}`);
  }
  for (const set of BASELINE_SETS) {
    for (const control of set.controls) {
      for (const [k, ids] of Object.entries(control.frameworks)) {
        const framework = keys[k as keyof typeof keys];
        for (const id of ids ?? []) out.add(`${framework} ${normalizeControlId(framework, framework === 'cis' ? `${set.cisBenchmark} ${id}` : id)}`);
      }
    }
  }
  return out;
}

describe('RULE_CONTROLS', () => {
  it('has an entry for every rule of ALL_RULES and none for a rule that does not exist', () => {
    expect(ruleIds).toHaveLength(207);
    expect(ruleIds.filter((id) => !(id in RULE_CONTROLS))).toEqual([]);
    expect(Object.keys(RULE_CONTROLS).filter((id) => !ruleIds.includes(id))).toEqual([]);
  });

  it('gives a reason for every rule that supports no control', () => {
    const empty = Object.entries(RULE_CONTROLS).filter(([, e]) => Object.values(e.controls).every((ids) => !ids || ids.length === 0));
    expect(empty.map(([id]) => id).sort()).toEqual(['AWS-LAMBDA-4', 'AWS-RDS-12', 'AWS-S3-6', 'AWS-SQS-2', 'AZ-EG-1', 'AZ-KV-5', 'AZ-SB-4', 'GCP-PS-2', 'K8S-POD-11', 'K8S-POD-12']);
    for (const [, entry] of empty) expect(entry.reason).toMatch(/^.{20,}; no (framework|catalogued|catalogued security) control asks for (it|them)$/);
  });

  it('maps the encryption, exposure and audit rules to the controls auditors look for', () => {
    expect(RULE_CONTROLS['AWS-RDS-1']?.controls).toEqual({
      soc2: ['CC6.1'],
      hipaa: ['164.312(a)(2)(iv)'],
      pci: ['3.5.1'],
      gdpr: ['Art. 32'],
      cis: ['AWS 2.3.1'],
    });
    expect(RULE_CONTROLS['AWS-ALB-5']?.controls.pci).toEqual(['4.2.1']);
    expect(RULE_CONTROLS['AWS-VPC-1']?.controls.cis).toEqual(['AWS 3.7']);
    expect(RULE_CONTROLS['GCP-SQL-1']?.controls.soc2).toEqual(['CC6.6']);
    expect(RULE_CONTROLS['AWS-EKS-3']?.controls.hipaa).toEqual(['164.312(b)']);
  });
});

describe('the framework catalogue', () => {
  it('has every control id referenced by a rule or a baseline control', () => {
    expect(complianceMapProblems(ruleIds, BASELINE_SETS)).toEqual([]);
  });

  it('lists each control once per framework, with a title', () => {
    for (const framework of FRAMEWORKS) {
      const ids = framework.controls.map((c) => c.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      for (const c of framework.controls) expect(c.title.length).toBeGreaterThan(10);
    }
  });

  it('lists no coverable control that nothing supports', () => {
    const refs = referenced();
    const orphans = FRAMEWORKS.flatMap((f) => f.controls.filter((c) => !c.process && !refs.has(`${f.id} ${c.id}`)).map((c) => `${f.id} ${c.id}`));
    expect(orphans).toEqual([]);
  });

  it('marks MFA for people, incident response, training, vendor management and physical security as process controls', () => {
    const processIds = FRAMEWORKS.flatMap((f) => f.controls.filter((c) => c.process).map((c) => `${f.id} ${c.id}`));
    expect(processIds).toEqual(
      expect.arrayContaining([
        'soc2 CC6.2', // MFA for people
        'hipaa 164.312(d)',
        'pci-dss 8.4.2',
        'soc2 CC7.4', // incident response
        'hipaa 164.308(a)(6)(i)',
        'pci-dss 12.10.1',
        'gdpr Art. 33',
        'soc2 CC1.4', // training
        'hipaa 164.308(a)(5)(i)',
        'pci-dss 12.6.1',
        'soc2 CC9.2', // vendors
        'pci-dss 12.8.1',
        'hipaa 164.308(b)(1)',
        'soc2 CC6.4', // physical
        'pci-dss 9.1.1',
      ])
    );
  });

  it('maps no rule or baseline control to a process control', () => {
    const refs = referenced();
    const claimed = FRAMEWORKS.flatMap((f) => f.controls.filter((c) => c.process && refs.has(`${f.id} ${c.id}`)).map((c) => `${f.id} ${c.id}`));
    expect(claimed).toEqual([]);
  });

  it('names the same frameworks environments may claim in <cloud>.baseline.complianceFrameworks', () => {
    expect([...FRAMEWORK_IDS]).toEqual([...COMPLIANCE_FRAMEWORKS]);
    expect(FRAMEWORKS.map((f) => f.id)).toEqual(['soc2', 'hipaa', 'pci-dss', 'gdpr', 'cis']);
  });

  it('reads a bare GDPR article as the catalogue writes it', () => {
    expect(normalizeControlId('gdpr', '32')).toBe('Art. 32');
    expect(normalizeControlId('gdpr', 'Article 25')).toBe('Art. 25');
    expect(normalizeControlId('pci-dss', '10.2.1')).toBe('10.2.1');
  });
});

describe('complianceMapProblems', () => {
  it('reports a rule without an entry, an unknown control, an entry without reason and a stale entry', () => {
    const map = {
      'AWS-RDS-1': { controls: { pci: ['3.5.99'] } },
      'AWS-RDS-3': { controls: {} },
      'AWS-OLD-1': { controls: { soc2: ['CC6.1'] } },
    };
    expect(
      complianceMapProblems(
        ['AWS-RDS-1', 'AWS-RDS-3', 'AWS-RDS-5'],
        [{ stack: 'aws-baseline', cisBenchmark: 'AWS', controls: [{ id: 'AWS-BL-X', summary: 'x', resourceTypes: ['aws_cloudtrail'], frameworks: { cis: ['99.9'] } }] }],
        map
      )
    ).toEqual([
      'AWS-RDS-1: pci-dss control "3.5.99" is not in the framework catalogue',
      'AWS-RDS-3: supports no control and gives no reason',
      'AWS-RDS-5: the rule has no entry in RULE_CONTROLS',
      'AWS-OLD-1: RULE_CONTROLS has an entry for a rule that is not in the pack',
      'aws-baseline AWS-BL-X: cis control "AWS 99.9" is not in the framework catalogue',
    ]);
  });
});
