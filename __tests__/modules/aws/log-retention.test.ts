import { CLOUDWATCH_RETENTION_DAYS, isCloudwatchRetention } from '../../../modules/aws/log-retention';

describe('CloudWatch Logs retention', () => {
  it('lists the 22 values PutRetentionPolicy accepts', () => {
    expect([...CLOUDWATCH_RETENTION_DAYS]).toEqual([
      1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]);
  });

  it.each([
    [365, true],
    [3653, true],
    [0, false],
    [2, false],
    [366, false],
  ])('isCloudwatchRetention(%p) is %p', (days, ok) => {
    expect(isCloudwatchRetention(days)).toBe(ok);
  });
});
