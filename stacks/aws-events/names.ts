/**
 * Deployed names of the `aws.events` resources. They are deterministic, so `<env>-aws-functions`
 * (built before `<env>-aws-events`) can hand them to its functions without a reference to this stack.
 * No imports: the functions family reads these without loading the events section.
 */

/** The deployed name of a queue, topic, stream, state machine or X-Ray rule: `<env>-<name>`. */
export function eventsResourceName(envName: string, name: string): string {
  return `${envName}-${name}`;
}

/** The environment's event bus: `<env>-events`. */
export function eventBusName(envName: string): string {
  return `${envName}-events`;
}

/** The failure queue (on-failure destination) of a stream source: `<env>-<stream or table stream>-failures`. */
export function streamFailureQueueName(envName: string, name: string): string {
  return `${envName}-${name}-failures`;
}
