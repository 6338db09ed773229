/**
 * Stack name `<env>-<family>`, e.g. `prod-aws-network` or `prod-eks-workloads`.
 *
 * The family id is usually `<cloud>-<concern>`; families that are not one cloud's concern choose
 * their own (`state-backend`, Kubernetes workloads on a given cluster). Stack names are part of
 * every state key and cross-stack reference: never change one.
 */
export function stackName(env: string, family: string): string {
  return `${env}-${family}`;
}

/** State object key of a stack: `<env>/<stack>.tfstate`. */
export function stateKey(env: string, stack: string): string {
  return `${env}/${stack}.tfstate`;
}
