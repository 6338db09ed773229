/**
 * CloudWatch Logs retention values, written once for every construct that makes a log group.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** What a retention check says is allowed (for error messages and schema messages). */
export const CLOUDWATCH_RETENTION_ALLOWED = `use one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')} days`;

/** Whether `days` is a retention CloudWatch Logs accepts. */
export function isCloudwatchRetention(days: number): boolean {
  return (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days);
}
