import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { HIDDEN, ValidationError } from '../../core/validation-error';

/** A Secrets Manager secret ARN (optionally with a JSON key / version suffix, as ECS accepts). */
const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$/;
/** An SSM Parameter Store parameter ARN. */
const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+$/;

/** Names of environment variables that must never hold a literal value. */
export const SECRET_LIKE_NAME = /(password|passwd|secret|token|key|credential)/i;

/** What a secret reference must look like (for error messages). */
export const SECRET_REFERENCE_ALLOWED =
  'use a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)';

/** The kind of a secret reference ARN, or undefined when the value is not one. */
export function secretReferenceKind(value: string): 'secretsmanager' | 'ssm' | undefined {
  if (SECRETS_MANAGER_ARN.test(value)) return 'secretsmanager';
  if (SSM_PARAMETER_ARN.test(value)) return 'ssm';
  return undefined;
}

/** The secret ARN without the ECS `:json-key:version-stage:version-id` suffix. */
export function baseSecretArn(value: string): string {
  const parts = value.split(':');
  return parts[2] === 'secretsmanager' && parts.length > 7 ? parts.slice(0, 7).join(':') : value;
}

/**
 * Checks plain environment variables and secret references.
 *
 * A plain variable whose name looks secret (`DB_PASSWORD`, `API_TOKEN`) must hold a reference ARN, never a
 * literal; every secret must be a Secrets Manager or SSM parameter ARN.
 */
export function checkEnvironmentAndSecrets(
  scope: IConstruct,
  environment: Readonly<Record<string, string>> | undefined,
  secrets: Readonly<Record<string, string>> | undefined,
  names: { environment: string; secrets: string },
): void {
  for (const [name, value] of Object.entries(environment ?? {})) {
    if (Token.isUnresolved(value) || !SECRET_LIKE_NAME.test(name)) continue;
    if (secretReferenceKind(value) === undefined) {
      throw new ValidationError(
        scope,
        `${names.environment}.${name}`,
        HIDDEN,
        `looks like a secret given as a literal; put it in "${names.secrets}" as a reference and ${SECRET_REFERENCE_ALLOWED}`,
      );
    }
  }
  for (const [name, value] of Object.entries(secrets ?? {})) {
    if (Token.isUnresolved(value)) continue;
    if (secretReferenceKind(value) === undefined) {
      throw new ValidationError(scope, `${names.secrets}.${name}`, HIDDEN, `is not a secret reference; ${SECRET_REFERENCE_ALLOWED}`);
    }
  }
}

/** The IAM statements that read exactly the given secret references (and nothing else). */
export function secretReadStatements(refs: readonly string[]): { sid: string; effect: string; actions: string[]; resources: string[] }[] {
  const secrets = [...new Set(refs.filter((r) => Token.isUnresolved(r) || secretReferenceKind(r) === 'secretsmanager').map(baseSecretArn))];
  const params = [...new Set(refs.filter((r) => !Token.isUnresolved(r) && secretReferenceKind(r) === 'ssm'))];
  const out: { sid: string; effect: string; actions: string[]; resources: string[] }[] = [];
  if (secrets.length) {
    out.push({ sid: 'ReadTheseSecrets', effect: 'Allow', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: secrets });
  }
  if (params.length) {
    out.push({ sid: 'ReadTheseParameters', effect: 'Allow', actions: ['ssm:GetParameter', 'ssm:GetParameters'], resources: params });
  }
  return out;
}
