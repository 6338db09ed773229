import { Testing } from 'cdktf';
import { EnvironmentDashboard, type EnvironmentDashboardProps } from '../../../modules/aws/dashboard';

const synth = (props: Partial<EnvironmentDashboardProps> = {}) =>
  JSON.parse(Testing.synthScope((scope) => new EnvironmentDashboard(scope, 'dashboard', { dashboardName: 'test-overview', functionNames: ['test-worker'], queueNames: ['test-work'], eventBusName: 'test-events', ...props })));

describe('EnvironmentDashboard', () => {
  it('shows a widget for each kind of resource the environment contains, and none for the others', () => {
    const d = Object.values<any>(synth().resource.aws_cloudwatch_dashboard)[0];
    expect(d.dashboard_name).toBe('test-overview');
    const body = d.dashboard_body as string;
    for (const text of ['Lambda errors and throttles', 'test-worker', 'ApproximateAgeOfOldestMessage', 'test-work-dlq', 'FailedInvocations', 'test-events']) expect(body).toContain(text);
    expect(body).not.toContain('State machine executions');
    expect(body).not.toContain('Topic deliveries');
  });

  it('adds state machines and topics when there are some', () => {
    const body = Object.values<any>(synth({ stateMachineArns: { pipeline: 'arn:aws:states:eu-west-1:123456789012:stateMachine:test-pipeline' }, topicNames: ['test-items'] }).resource.aws_cloudwatch_dashboard)[0].dashboard_body;
    expect(body).toContain('arn:aws:states:eu-west-1:123456789012:stateMachine:test-pipeline');
    expect(body).toContain('NumberOfNotificationsFailed');
  });

  it('refuses an empty dashboard and a bad name', () => {
    expect(() => synth({ functionNames: [], queueNames: [], eventBusName: undefined })).toThrow(/prop functionNames \[\] and every other list are empty; a dashboard needs something to show/);
    expect(() => synth({ dashboardName: 'test overview' })).toThrow(/prop dashboardName "test overview" is not allowed; use letters, digits/);
  });
});
