import { ContainerAppEnvironment as AzurermContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { known } from './private/compute-rules';

/**
 * Dedicated workload profile types (general purpose D*, memory optimized E*).
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_app_environment#workload_profile_type
 */
export const CONTAINER_APP_WORKLOAD_PROFILE_TYPES = ['D4', 'D8', 'D16', 'D32', 'E4', 'E8', 'E16', 'E32'] as const;
/** A dedicated workload profile type. */
export type ContainerAppWorkloadProfileType = (typeof CONTAINER_APP_WORKLOAD_PROFILE_TYPES)[number];

/** The name (and type) of the Consumption workload profile every environment here has. */
export const CONSUMPTION_WORKLOAD_PROFILE = 'Consumption';

/** Defaults of {@link ContainerAppEnvironment}. */
export const CONTAINER_APP_ENVIRONMENT_DEFAULTS = {
  internal: true,
  zoneRedundant: true,
  /** Smallest infrastructure subnet a workload-profiles environment accepts. */
  minimumSubnetPrefix: 27,
} as const;

/** Workload profile names: letters, digits and `-`, up to 15, not `Consumption`. */
const PROFILE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,14}$/;

/** A dedicated workload profile. */
export interface ContainerAppWorkloadProfileProps {
  /** Machine type, e.g. `D4` (4 vCPU, 16 GiB). */
  readonly type: ContainerAppWorkloadProfileType;
  /** Fewest instances. @default 1 */
  readonly minimumCount?: number;
  /** Most instances. @default 3 */
  readonly maximumCount?: number;
}

/** Props of {@link ContainerAppEnvironment}. */
export interface ContainerAppEnvironmentProps {
  /** Environment name. */
  readonly name: string;
  /** Resource group. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /** Infrastructure subnet, delegated to `Microsoft.App/environments`, /27 or larger. */
  readonly infrastructureSubnetId: string;
  /** Log Analytics workspace receiving the apps' console and system logs. */
  readonly logAnalyticsWorkspaceId: string;
  /** Internal load balancer only: apps are reachable from the VNet, never from the internet. @default true */
  readonly internal?: boolean;
  /** Spread the environment across availability zones. @default true */
  readonly zoneRedundant?: boolean;
  /** Dedicated workload profiles keyed by name, in addition to `Consumption`. @default - Consumption only */
  readonly workloadProfiles?: Readonly<Record<string, ContainerAppWorkloadProfileProps>>;
  /** Resource group Azure creates for the environment's infrastructure. @default - named by Azure */
  readonly infrastructureResourceGroupName?: string;
  /** Peer-to-peer mTLS between apps (public preview: adds latency). @default false */
  readonly enableMutualTls?: boolean;
  /** Tags on the environment. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Container Apps managed environment with workload profiles on a VNet subnet: internal load
 * balancer (no public IP) and zone redundancy by default, logs to Log Analytics.
 *
 * Always created with the `Consumption` workload profile: an environment created without
 * profiles cannot get them later and must be recreated.
 *
 * @see https://learn.microsoft.com/azure/container-apps/networking
 * @see https://learn.microsoft.com/azure/container-apps/workload-profiles-overview
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_app_environment
 */
export class ContainerAppEnvironment extends Construct {
  /** The environment. */
  public readonly resource: AzurermContainerAppEnvironment;
  /** Environment id (for {@link ContainerApp}). */
  public readonly environmentId: string;
  /** Default domain of the apps (`<unique>.<region>.azurecontainerapps.io`); with an internal environment, resolve it with a private DNS zone to `staticIpAddress`. */
  public readonly defaultDomain: string;
  /** Static IP of the environment (private with an internal environment). */
  public readonly staticIpAddress: string;
  /** Names of the workload profiles, `Consumption` first. */
  public readonly workloadProfileNames: string[];

  constructor(scope: Construct, id: string, props: ContainerAppEnvironmentProps) {
    super(scope, id);
    const profiles = props.workloadProfiles ?? {};
    for (const [name, profile] of Object.entries(profiles)) {
      if (name === CONSUMPTION_WORKLOAD_PROFILE || !PROFILE_NAME.test(name)) {
        throw new ValidationError(this, `workloadProfiles.${name}`, name, 'is not a dedicated profile name; use up to 15 letters, digits and "-", starting with a letter, other than Consumption (always present)');
      }
      if (!(CONTAINER_APP_WORKLOAD_PROFILE_TYPES as readonly string[]).includes(profile.type)) {
        throw new ValidationError(this, `workloadProfiles.${name}.type`, profile.type, `is not a workload profile type; use one of ${CONTAINER_APP_WORKLOAD_PROFILE_TYPES.join(', ')}`);
      }
      const min = profile.minimumCount ?? 1;
      const max = profile.maximumCount ?? 3;
      if (known(min) && known(max) && (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < 1 || min > max)) {
        throw new ValidationError(this, `workloadProfiles.${name}.minimumCount`, { minimumCount: min, maximumCount: max }, 'is not allowed; use whole numbers with 0 <= minimumCount <= maximumCount and maximumCount >= 1');
      }
    }
    const tags = props.tags ? { ...props.tags } : undefined;

    this.workloadProfileNames = [CONSUMPTION_WORKLOAD_PROFILE, ...Object.keys(profiles).sort()];
    this.resource = new AzurermContainerAppEnvironment(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      infrastructureSubnetId: props.infrastructureSubnetId,
      internalLoadBalancerEnabled: props.internal ?? CONTAINER_APP_ENVIRONMENT_DEFAULTS.internal,
      zoneRedundancyEnabled: props.zoneRedundant ?? CONTAINER_APP_ENVIRONMENT_DEFAULTS.zoneRedundant,
      infrastructureResourceGroupName: props.infrastructureResourceGroupName,
      logsDestination: 'log-analytics',
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      mutualTlsEnabled: props.enableMutualTls ?? false,
      workloadProfile: [
        // The provider requires the Consumption profile to be named Consumption.
        { name: CONSUMPTION_WORKLOAD_PROFILE, workloadProfileType: CONSUMPTION_WORKLOAD_PROFILE },
        ...Object.keys(profiles)
          .sort()
          .map((name) => ({
            name,
            workloadProfileType: profiles[name].type,
            minimumCount: profiles[name].minimumCount ?? 1,
            maximumCount: profiles[name].maximumCount ?? 3,
          })),
      ],
      tags,
    });
    this.environmentId = this.resource.id;
    this.defaultDomain = this.resource.defaultDomain;
    this.staticIpAddress = this.resource.staticIpAddress;
  }
}
