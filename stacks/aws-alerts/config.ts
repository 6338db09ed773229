import { z } from 'zod';
import { defineSection } from '../../modules/core/config/section';

/** `aws.alerts`: the environment's alert topic, which the alarms of the compute stacks notify. */
export const AwsAlertsConfigSchema = z.strictObject({
  /** Create the `<env>-aws-alerts` stack (the compute families need it). @default false */
  enabled: z.boolean().default(false),
  /** E-mail addresses subscribed to the topic (each must confirm once). @default [] */
  emails: z
    .array(z.email({ message: 'is not an e-mail address; use e.g. "oncall@example.com"' }))
    .default([])
    .superRefine((emails, ctx) => {
      // Mail domains and (in practice) mailboxes ignore case: "Ops@x" and "ops@x" are one subscriber.
      const lower = emails.map((e) => e.toLowerCase());
      lower.forEach((email, i) => {
        if (lower.indexOf(email) !== i) {
          const first = lower.indexOf(email);
          ctx.addIssue({ code: 'custom', path: [i], input: emails[i], message: `is listed twice (as entry ${first}, "${emails[first]}", ignoring case); list each address once` });
        }
      });
    }),
});

export type AwsAlertsConfig = z.infer<typeof AwsAlertsConfigSchema>;

/** `aws.alerts`, owned by the `aws-alerts` stack family. */
export const awsAlertsSection = defineSection({ path: 'aws.alerts', schema: AwsAlertsConfigSchema, optional: true });

/** The topic's name: `<env>-alerts`. */
export function alertTopicName(envName: string): string {
  return `${envName}-alerts`;
}
