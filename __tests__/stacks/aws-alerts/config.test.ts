import { awsAlertsSection } from '../../../stacks/aws-alerts/config';
import { environmentProblems, loadEnvironments, testEnvironment } from '../../helpers/environment';

describe('aws.alerts config', () => {
  it('is off with no subscriptions by default', () => {
    expect(testEnvironment().section(awsAlertsSection)).toEqual({ enabled: false, emails: [] });
  });

  it('is on in every shipped environment', () => {
    for (const { config } of loadEnvironments('config')) expect(config.section(awsAlertsSection).enabled).toBe(true);
  });

  it('rejects an address that is not an e-mail and one listed twice', () => {
    expect(environmentProblems({ aws: { alerts: { emails: ['oncall'] } } })).toEqual([
      'config/test.yaml: aws.alerts.emails[0] "oncall" is not an e-mail address; use e.g. "oncall@example.com"',
    ]);
    expect(environmentProblems({ aws: { alerts: { emails: ['a@example.com', 'a@example.com'] } } })).toEqual([
      'config/test.yaml: aws.alerts.emails[1] "a@example.com" is listed twice (as entry 0, "a@example.com", ignoring case); list each address once',
    ]);
  });

  it('rejects an address listed twice in different case (one subscriber, one construct id)', () => {
    expect(environmentProblems({ aws: { alerts: { emails: ['ops@example.com', 'Ops@Example.com'] } } })).toEqual([
      'config/test.yaml: aws.alerts.emails[1] "Ops@Example.com" is listed twice (as entry 0, "ops@example.com", ignoring case); list each address once',
    ]);
  });

  it('rejects unknown fields', () => {
    expect(environmentProblems({ aws: { alerts: { email: 'a@example.com' } } })).toEqual([
      'config/test.yaml: aws.alerts.email is not a known field (did you mean "emails"?); allowed fields here: enabled, emails',
    ]);
  });
});
