import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * SQS queues have a dead-letter queue.
 *
 * Without a redrive policy a poison message is retried until it expires, and lost.
 */
export class SqsQueueDeadLetter extends PolicyRule {
  public readonly id = 'AWS-SQS-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'SQS queues have a dead-letter queue';
  public readonly explanation = 'Without a redrive policy a poison message is retried until it expires, and lost.';
  public readonly fix = 'Set redrive_policy with a deadLetterTargetArn (not needed on the dead-letter queue itself).';
  public readonly resourceTypes = ['aws_sqs_queue'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.redrive_policy);
  }
}
