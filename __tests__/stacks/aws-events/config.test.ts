import { awsEventsSection, eventsNeedFunctions } from '../../../stacks/aws-events/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

const FIXTURES = '__tests__/stacks/aws-events/fixtures';
const FUNCTIONS = {
  enabled: true,
  functions: {
    'api-handler': { code: 'apps/aws-api-handler', routes: [{ route: 'GET /health', public: true }] },
    worker: { code: 'apps/aws-api-handler', timeoutSeconds: 30 },
  },
};
const FLOW = {
  enabled: true,
  queues: { work: { producers: ['api-handler'], consumer: { function: 'worker' }, visibilityTimeoutSeconds: 180 } },
  bus: { publishers: ['worker'] },
  rules: { received: { pattern: '{"source": ["app.items"]}', targets: { pipeline: { stateMachine: 'pipeline' } } } },
  stateMachines: {
    pipeline: {
      definition: 'apps/workflows/ingest-analyse-store.asl.json',
      resources: { ingest: { function: 'worker' }, analyse: { function: 'worker' }, store: { function: 'worker' } },
    },
  },
};

function problems(events: Record<string, any>, edit?: (input: Record<string, any>) => void): string[] {
  return environmentProblems({ aws: { alerts: { enabled: true }, functions: FUNCTIONS, events } }, edit);
}

describe('aws.events', () => {
  it('is off by default and accepts the example flow, with its defaults', () => {
    expect(testEnvironment().section(awsEventsSection).enabled).toBe(false);
    expect(problems(FLOW)).toEqual([]);
    const config = testEnvironment({ aws: { alerts: { enabled: true }, functions: FUNCTIONS, events: FLOW } }).section(awsEventsSection);
    expect(config.queues.work).toMatchObject({ maxReceiveCount: 5, messageRetentionSeconds: 345600, consumer: { batchSize: 10, maximumConcurrency: 10 } });
    expect(config.bus.archiveRetentionDays).toBe(30);
    expect(config.stateMachines.pipeline).toMatchObject({ type: 'STANDARD', logLevel: 'ERROR', includeExecutionData: false, logRetentionDays: 365 });
    expect(eventsNeedFunctions(config)).toBe(true);
  });

  it('refuses a visibility timeout shorter than 6 x the consumer timeout, naming the function timeout', () => {
    expect(problems({ ...FLOW, queues: { work: { ...FLOW.queues.work, visibilityTimeoutSeconds: 179 } } })).toEqual([
      "config/test.yaml: aws.events.queues.work.visibilityTimeoutSeconds 179 is shorter than 6 x the consumer's timeout (30 s); use at least 180 seconds (aws.functions.functions.worker.timeoutSeconds is 30)",
    ]);
  });

  it('refuses an event pattern that is not valid JSON', () => {
    const out = problems({ ...FLOW, rules: { received: { ...FLOW.rules.received, pattern: '{source: [app.items]}' } } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^config\/test\.yaml: aws\.events\.rules\.received\.pattern "\{source: \[app\.items\]\}" is not valid JSON .*; write the pattern as a JSON object, e\.g\. \{"source": \["app\.items"\]\}/);
  });

  it.each([
    ['an unknown function target', { function: 'nope' }, /aws\.events\.rules\.received\.targets\.pipeline\.function "nope" is not a function of aws\.functions; use one of api-handler, worker/],
    ['an unknown queue target', { queue: 'nope' }, /aws\.events\.rules\.received\.targets\.pipeline\.queue "nope" is not a queue of aws\.events\.queues; use one of work/],
    ['an unknown state machine target', { stateMachine: 'nope' }, /aws\.events\.rules\.received\.targets\.pipeline\.stateMachine "nope" is not a state machine of aws\.events\.stateMachines; use one of pipeline/],
    ['a target naming two kinds', { function: 'worker', queue: 'work' }, /aws\.events\.rules\.received\.targets\.pipeline \["function","queue"\] are all named; give exactly one of function, queue, stateMachine, bus/],
    ['a target naming none', {}, /aws\.events\.rules\.received\.targets\.pipeline \[\] is empty: the target names nothing; give exactly one of function, queue, stateMachine, bus/],
  ])('refuses %s', (_name, target, pattern) => {
    const out = problems({ ...FLOW, rules: { received: { ...FLOW.rules.received, targets: { pipeline: target } } } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(pattern);
  });

  it('refuses unknown producers, consumers and publishers', () => {
    const out = problems({ ...FLOW, queues: { work: { producers: ['ghost'], consumer: { function: 'phantom' }, visibilityTimeoutSeconds: 180 } }, bus: { publishers: ['spook'] } });
    expect(out).toEqual([
      'config/test.yaml: aws.events.queues.work.producers[0] "ghost" is not a function of aws.functions; use one of api-handler, worker',
      'config/test.yaml: aws.events.queues.work.consumer.function "phantom" is not a function of aws.functions; use one of api-handler, worker',
      'config/test.yaml: aws.events.bus.publishers[0] "spook" is not a function of aws.functions; use one of api-handler, worker',
    ]);
  });

  it.each([
    ['an ASL file that is not JSON', `${FIXTURES}/not-json.asl.json`, /aws\.events\.stateMachines\.pipeline\.definition "__tests__\/stacks\/aws-events\/fixtures\/not-json\.asl\.json" is not valid JSON/],
    ['an ASL file that does not validate', `${FIXTURES}/invalid.asl.json`, /aws\.events\.stateMachines\.pipeline\.definition "__tests__\/stacks\/aws-events\/fixtures\/invalid\.asl\.json" is not a valid state machine: .*MISSING_TRANSITION_TARGET/],
    ['a Task state without Catch', `${FIXTURES}/no-catch.asl.json`, /aws\.events\.stateMachines\.pipeline\.definition "__tests__\/stacks\/aws-events\/fixtures\/no-catch\.asl\.json" is not a valid state machine: States\.Analyse\.Catch does not catch "States\.ALL"/],
    ['a missing ASL file', `${FIXTURES}/missing.asl.json`, /aws\.events\.stateMachines\.pipeline\.definition "__tests__\/stacks\/aws-events\/fixtures\/missing\.asl\.json" is not a file of this repository; give an ASL JSON file relative to the repository root/],
  ])('refuses %s, naming the file and the state', (_name, definition, pattern) => {
    const out = problems({ ...FLOW, stateMachines: { pipeline: { ...FLOW.stateMachines.pipeline, definition } } });
    expect(out.length).toBeGreaterThan(0);
    expect(out.join('\n')).toMatch(pattern);
  });

  it('refuses a placeholder without a resource and a resource the definition does not use', () => {
    const out = problems({ ...FLOW, stateMachines: { pipeline: { ...FLOW.stateMachines.pipeline, resources: { ingest: { function: 'worker' }, analyse: { function: 'worker' }, spare: { function: 'worker' } } } } });
    expect(out.join('\n')).toMatch(/aws\.events\.stateMachines\.pipeline\.resources \["ingest","analyse","spare"\] have no "store", which apps\/workflows\/ingest-analyse-store\.asl\.json uses at States\.Store\.Parameters\.FunctionName as \$\{store\}/);
    expect(out.join('\n')).toMatch(/aws\.events\.stateMachines\.pipeline\.resources\.spare \{"function":"worker"\} is not used by apps\/workflows\/ingest-analyse-store\.asl\.json/);
  });

  it.each([
    ['a filter policy that is not JSON', { queue: 'work', filterPolicy: 'type=created' }, /aws\.events\.topics\.items\.subscriptions\.s\.filterPolicy "type=created" is not valid JSON .*; write the filter policy as a JSON object/],
    ['raw delivery to a function', { function: 'worker', rawDelivery: true }, /aws\.events\.topics\.items\.subscriptions\.s\.rawDelivery true is only possible for queue and https subscriptions/],
    ['an unknown queue', { queue: 'nope' }, /aws\.events\.topics\.items\.subscriptions\.s\.queue "nope" is not a queue of aws\.events\.queues; use one of work/],
    ['a subscription naming two endpoints', { queue: 'work', email: 'ops@example.com' }, /aws\.events\.topics\.items\.subscriptions\.s \["queue","email"\] are all named; give exactly one of queue, function, email, https/],
  ])('refuses a topic subscription with %s', (_name, subscription, pattern) => {
    const out = problems({ ...FLOW, topics: { items: { publishers: ['api-handler'], subscriptions: { s: subscription } } } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(pattern);
  });

  it('refuses an X-Ray sampling rate above 1 and a rule name X-Ray cannot hold', () => {
    const out = problems({ ...FLOW, xray: { samplingRules: { 'a-rule-name-that-is-far-too-long': { priority: 10, fixedRate: 1.5 } } } });
    expect(out).toEqual([
      'config/test.yaml: aws.events.xray.samplingRules.a-rule-name-that-is-far-too-long.fixedRate 1.5 is not a share; use 0 to 1',
    ]);
    expect(problems({ ...FLOW, xray: { samplingRules: { 'a-rule-name-that-is-far-too-long': { priority: 10, fixedRate: 0.5 } } } })).toEqual([
      'config/test.yaml: aws.events.xray.samplingRules.a-rule-name-that-is-far-too-long "a-rule-name-that-is-far-too-long" makes the rule name "test-a-rule-name-that-is-far-too-long" 37 characters long; X-Ray allows 32, use a shorter name',
    ]);
  });

  it('refuses a cross-account bus target that is not a bus ARN', () => {
    const out = problems({ ...FLOW, rules: { received: { ...FLOW.rules.received, targets: { central: { bus: 'arn:aws:sqs:eu-west-1:210987654321:q' } } } } });
    expect(out).toEqual(['config/test.yaml: aws.events.rules.received.targets.central.bus "arn:aws:sqs:eu-west-1:210987654321:q" is not an event bus ARN; use arn:aws:events:<region>:<account>:event-bus/<name>']);
  });

  it('needs the alert topic', () => {
    const out = environmentProblems({ aws: { alerts: { enabled: false }, functions: FUNCTIONS, events: FLOW } });
    expect(out.join('\n')).toMatch(/aws\.events\.enabled true needs aws\.alerts \(the alarms notify its topic\); set aws\.alerts\.enabled: true/);
  });
});
