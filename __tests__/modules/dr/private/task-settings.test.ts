import { buildTableMappings, buildTaskSettings } from '../../../../modules/dr/private/task-settings';

describe('buildTaskSettings', () => {
  const settings = buildTaskSettings({ lobMaxSizeKb: 512, rpoTargetSeconds: 60 });

  it('loads into a pre-created schema and keeps CDC going after the full load', () => {
    expect(settings.FullLoadSettings).toMatchObject({
      TargetTablePrepMode: 'DO_NOTHING',
      StopTaskCachedChangesApplied: false,
      StopTaskCachedChangesNotApplied: false,
    });
  });

  it('uses limited LOB mode with the configured maximum', () => {
    expect(settings.TargetMetadata).toMatchObject({
      SupportLobs: true,
      LimitedSizeLobMode: true,
      FullLobMode: false,
      LobMaxSize: 512,
    });
  });

  it('retries recoverable errors forever (Cloud SQL maintenance) and logs without CloudWatch keys', () => {
    expect(settings.ErrorBehavior.RecoverableErrorCount).toBe(-1);
    expect(settings.Logging.EnableLogging).toBe(true);
    expect(Object.keys(settings.Logging)).toEqual(['EnableLogging', 'LogComponents']);
    expect(JSON.stringify(settings)).not.toMatch(/CloudWatchLog(Group|Stream)/);
  });

  it('validates row by row', () => {
    expect(settings.ValidationSettings).toMatchObject({
      EnableValidation: true,
      ValidationMode: 'ROW_LEVEL',
      HandleCollationDiff: true,
    });
  });

  it('commits within a quarter of the RPO', () => {
    expect(settings.ChangeProcessingTuning.CommitTimeout).toBe(15);
    expect(buildTaskSettings({ lobMaxSizeKb: 1, rpoTargetSeconds: 10 }).ChangeProcessingTuning.CommitTimeout).toBe(2);
  });
});

describe('buildTableMappings', () => {
  it('includes every table of each schema plus the heartbeat table', () => {
    const { rules } = buildTableMappings({ schemas: ['public', 'sales'], heartbeatTable: { schema: 'dr', table: 'heartbeat' } });
    expect(
      rules.map((r) => [r['rule-id'], r['object-locator']['schema-name'], r['object-locator']['table-name'], r['rule-action']]),
    ).toEqual([
      ['1', 'public', '%', 'include'],
      ['2', 'sales', '%', 'include'],
      ['3', 'dr', 'heartbeat', 'include'],
    ]);
  });

  it('does not repeat the heartbeat table when its schema is replicated whole', () => {
    const { rules } = buildTableMappings({ schemas: ['public'], heartbeatTable: { schema: 'public', table: 'heartbeat' } });
    expect(rules).toHaveLength(1);
  });
});
