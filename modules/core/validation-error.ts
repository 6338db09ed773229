import type { IConstruct } from 'constructs';

/**
 * The one error type of construct validation: which construct, which prop, the value received
 * and what is allowed.
 *
 * Every construct checks its props at the top of its constructor and throws this, never a bare
 * `Error`. The app (main.ts) catches it and, when the prop was fed from an environment file,
 * reports it like a config problem, naming the file and the config field instead of a stack trace.
 *
 * @example
 * throw new ValidationError(this, 'timeoutSeconds', props.timeoutSeconds, 'use 1 to 900 seconds');
 * // prod-aws-functions/api: prop timeoutSeconds 1000 is not allowed; use 1 to 900 seconds
 */
export class ValidationError extends Error {
  /** Construct path of the construct whose props are wrong, e.g. `prod-aws-network/network`. */
  public readonly constructPath: string;
  /** The prop, as a dotted path inside the props (`subnets.main.cidr`, `emails[1]`). */
  public readonly prop: string;
  /** The value received (shown in the message; secrets must be passed as `HIDDEN`). */
  public readonly value: unknown;
  /** What is wrong and what is allowed, e.g. `is not allowed; use 1 to 900 seconds`. */
  public readonly allowed: string;

  constructor(scope: IConstruct | string, prop: string, value: unknown, allowed: string) {
    const constructPath = typeof scope === 'string' ? scope : scope.node.path;
    super(`${constructPath}: prop ${prop} ${value === HIDDEN ? '(value hidden)' : showValue(value)} ${allowed}`);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.prop = prop;
    this.value = value;
    this.allowed = allowed;
  }
}

/** Pass as the value of a {@link ValidationError} whose value is a secret: the message says "(value hidden)". */
export const HIDDEN: unique symbol = Symbol('hidden');

/** Renders a received value for an error message: strings quoted, long values shortened. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
