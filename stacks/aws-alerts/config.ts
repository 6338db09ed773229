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
      emails.forEach((email, i) => {
        if (emails.indexOf(email) !== i) ctx.addIssue({ code: 'custom', path: [i], input: email, message: 'is listed twice; list each address once' });
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
