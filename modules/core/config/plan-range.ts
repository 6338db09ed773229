/** One address range of the cross-cloud plan, with where it comes from (for error messages). */
export interface PlanRange {
  /** The CIDR block. */
  readonly cidr: string;
  /** Field path in the environment file, such as `gcp.network.subnets.main.cidr`. */
  readonly source: string;
  /** Ranges that are meant to lie inside this one (subnets of a VPC) are not overlaps. */
  readonly parent?: string;
}
