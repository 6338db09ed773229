import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { z } from 'zod';
import type { Environment } from '../modules/core/config/load';
import type { ConfigSection } from '../modules/core/config/section';
import type { EnvironmentContext, EnvironmentCore } from './environment/config';

/** What a family's `build` is given. */
export interface BuildContext {
  /** The app (or any scope) the stack is added to. */
  readonly scope: Construct;
  /** The stack's name, `<env>-<family id>`: part of its state key, never changes. */
  readonly name: string;
  /** Who and where the environment deploys, and where its state lives. */
  readonly environment: EnvironmentContext;
  /** The parsed environment, for the rare family whose props come from more than its own section. */
  readonly env: Environment<EnvironmentCore>;
  /** What a family this one depends on published (that family's stack was built first). */
  use<T>(family: StackFamily<any, T>): T;
}

/** What `build` returns: the stack, and what it publishes for the families after it. */
export interface BuiltStack<Out> {
  readonly stack: TerraformStack;
  readonly outputs: Out;
}

/**
 * One stack family: a stack per environment for one concern (`aws-network`, `gcp-dr-vpn`,
 * `eks-workloads`...). Declared once, beside its stack, and listed once in stacks/registry.ts;
 * everything else (the stack graph, the deploy order, the README table, `npm run graph`) is
 * derived from these declarations.
 */
export interface StackFamily<S extends z.ZodType = z.ZodType, Out = unknown> {
  /**
   * Kebab-case id: the stack is named `<env>-<id>` (`prod-aws-network`), which is also part of its
   * state key. Usually `<cloud>-<concern>`; families that are not one cloud's concern pick their
   * own (`state-backend`, `eks-workloads`). Never rename one.
   */
  readonly id: string;
  /** One line for the README's stack table: what the stack holds. */
  readonly description: string;
  /** The config section the stack reads (its own; shared by the families of one capability). */
  readonly section: ConfigSection<S>;
  /** When the stack exists, in words for the README (`aws.network.enabled`). */
  readonly enabledWhen: string;
  /** Whether the environment has this stack. */
  enabled(section: z.output<S>, env: Environment<EnvironmentCore>): boolean;
  /** Families that must be deployed first (cdktf `addDependency` and the deploy order). */
  readonly dependsOn: readonly StackFamily<any, any>[];
  /**
   * Families this one depends on only in some environments: each applies when its `when` holds for
   * this family's section (e.g. a database grant in config). Such a dependency must be enabled
   * then, is built first and becomes `addDependency` like the static ones.
   *
   * @default - none
   */
  readonly conditionalDependsOn?: readonly ConditionalDependency<z.output<S>>[];
  /**
   * Where the stack keeps its state, for the README table.
   *
   * @default 'S3'
   */
  readonly backend?: string;
  /** Builds the stack from its section and the outputs of the families it depends on. */
  build(ctx: BuildContext, section: z.output<S>): BuiltStack<Out>;
}

/** A dependency of a family that applies only when `when` holds for the family's section. */
export interface ConditionalDependency<Section = any> {
  readonly family: StackFamily<any, any>;
  /** Whether this environment's stack needs the family (read from the stack's own section). */
  when(section: Section, env: Environment<EnvironmentCore>): boolean;
  /** When it applies, in words for the README and messages (`a function has database: read-write`). */
  readonly description: string;
}

/** The families a family depends on in one environment: the static ones, then the conditional ones that apply. */
export function familyDependencies(family: StackFamily<any, any>, section: unknown, env: Environment<EnvironmentCore>): StackFamily<any, any>[] {
  const conditional = (family.conditionalDependsOn ?? []).filter((d) => d.when(section, env)).map((d) => d.family);
  return [...new Set([...family.dependsOn, ...conditional])];
}

/** Declares a stack family (identity function that keeps the types). */
export function defineFamily<S extends z.ZodType, Out>(family: StackFamily<S, Out>): StackFamily<S, Out> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(family.id)) {
    throw new Error(`stack family id "${family.id}" is not kebab-case (lowercase letters, digits, single "-")`);
  }
  return family;
}
