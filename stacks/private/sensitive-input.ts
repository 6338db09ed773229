import { Fn, Token } from 'cdktf';

/**
 * Marks a value another stack published as sensitive where this stack reads it.
 *
 * cdktf publishes every cross-stack value as a `sensitive` output, but Terraform's
 * `terraform_remote_state` hands the consumer the outputs unmarked: a pre-shared key or password
 * read that way would be printed in the consumer's plan and recorded in `terraform show -json`
 * without a `sensitive_values` mark. Wrapping the reference in `sensitive()` restores the mark in
 * the consumer. Use it for every secret that must cross a stack boundary as a value (only where a
 * reference, such as a secret's ARN, cannot be passed instead); see docs/secrets.md.
 *
 * @see https://developer.hashicorp.com/terraform/language/functions/sensitive
 * @see https://developer.hashicorp.com/terraform/language/state/remote-state-data
 */
export function sensitiveInput(value: string): string {
  return Token.asString(Fn.sensitive(value));
}
