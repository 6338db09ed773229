/** The clouds a stack can belong to. */
export type Cloud = 'aws' | 'gcp' | 'azure';

/**
 * Stack name `<env>-<cloud>-<concern>`, e.g. `prod-aws-network`.
 *
 * Stack names are part of every state key and cross-stack reference: never change one.
 */
export function stackName(env: string, cloud: Cloud, concern: string): string {
  return `${env}-${cloud}-${concern}`;
}

/** Name of the bootstrap stack that creates the state bucket: `<env>-state-backend`. */
export function stateBackendStackName(env: string): string {
  return `${env}-state-backend`;
}

/** State object key of a stack: `<env>/<stack>.tfstate`. */
export function stateKey(env: string, stack: string): string {
  return `${env}/${stack}.tfstate`;
}
