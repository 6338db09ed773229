import type { z } from 'zod';
import type { PlanRange } from './plan-range';

/**
 * Reports one problem of an environment file: the field path (absolute, from the file's root),
 * the value received, and what is wrong and allowed.
 */
export type ReportProblem = (path: readonly (string | number)[], input: unknown, message: string) => void;

/**
 * A parsed environment as the checks and stack families see it: the core fields, and each
 * section that parsed without problems.
 */
export interface ParsedEnvironment<Core = unknown> {
  /** The file the environment came from, as shown in messages. */
  readonly file: string;
  /** The core fields (name, accounts, tags...), when they parsed; checks run only then. */
  readonly core: Core;
  /** The section's parsed value, or `undefined` when it had problems (already reported). */
  get<S extends z.ZodType>(section: ConfigSection<S>): z.output<S> | undefined;
  /**
   * Whether a problem was already reported at this dotted field path: checks skip values whose
   * problem is known, so a root cause is not followed by problems derived from it.
   */
  hasProblem(path: string): boolean;
}

/**
 * One section of the environment file, owned by one capability (`aws.network`, `dr`, ...).
 *
 * The capability declares it once, beside its stack: the schema of its fields (with their
 * defaults, which come from the constructs), the checks across its fields, and what it adds to
 * the cross-cloud address plan. The loader parses every section on its own, so a problem in one
 * section never hides the problems of another.
 */
export interface ConfigSection<S extends z.ZodType = z.ZodType> {
  /** Dotted path of the section in the file, e.g. `aws.network`. */
  readonly path: string;
  /** The section's fields, with their defaults. */
  readonly schema: S;
  /**
   * Whether the section may be left out of the file (then its defaults apply, as for `{}`).
   *
   * @default false - the section is required
   */
  readonly optional?: boolean;
  /**
   * Checks across the section's fields that a field schema cannot make; may read other parsed
   * sections through `env.get(...)`. Runs only when this section and the core parsed.
   */
  readonly check?: (section: z.output<S>, env: ParsedEnvironment<any>, report: ReportProblem) => void;
  /** The ranges the section adds to the cross-cloud address plan (checked as a whole). */
  readonly addressRanges?: (section: z.output<S>) => readonly PlanRange[];
}

/** Declares a config section (identity function that keeps the schema's type). */
export function defineSection<S extends z.ZodType>(section: ConfigSection<S>): ConfigSection<S> {
  return section;
}

/** A check across several sections (the address plan, readiness of a link between clouds). */
export type EnvironmentCheck = (env: ParsedEnvironment<any>, report: ReportProblem) => void;

/** A zod-refinement-like `addIssue` over a {@link ReportProblem}, for checks written in that style. */
export function problemContext(report: ReportProblem): {
  addIssue(issue: { path: readonly (string | number)[]; input?: unknown; message: string; code?: string }): void;
} {
  return { addIssue: (issue) => report(issue.path, issue.input, issue.message) };
}
