/** What tags are made of: the environment's name and its `tags` section. */
export interface TaggedEnvironment {
  readonly name: string;
  readonly tags: { readonly owner: string; readonly costCentre: string; readonly extra: Readonly<Record<string, string>> };
}

/** The value of the managed-by tag on everything this project creates. */
export const MANAGED_BY = 'cdktf-multicloud';

/**
 * AWS tags (and Azure tags) of an environment: `Environment`, `Owner`, `CostCentre`, `ManagedBy`,
 * then the file's `tags.extra`.
 */
export function environmentTags(env: TaggedEnvironment): Record<string, string> {
  return {
    Environment: env.name,
    Owner: env.tags.owner,
    CostCentre: env.tags.costCentre,
    ManagedBy: MANAGED_BY,
    ...env.tags.extra,
  };
}

/** GCP labels of an environment: the same facts, as lower-case label keys. */
export function environmentLabels(env: TaggedEnvironment): Record<string, string> {
  return {
    environment: env.name,
    owner: env.tags.owner,
    'cost-centre': env.tags.costCentre,
    'managed-by': MANAGED_BY,
    ...env.tags.extra,
  };
}
