import type { ConfigRegistry } from '../modules/core/config/load';
import type { ConfigSection } from '../modules/core/config/section';
import { awsDashboardFamily } from './aws-dashboard/family';
import { gcpEventsFamily } from './gcp-events/family';
import { gcpDataFamily } from './gcp-data/family';
import { gcpCostFamily } from './gcp-cost/family';
import { azureEventsFamily } from './azure-events/family';
import { azureDataFamily } from './azure-data/family';
import { azureCostFamily } from './azure-cost/family';
import { awsAlertsFamily } from './aws-alerts/family';
import { awsBaselineFamily } from './aws-baseline/family';
import { awsCostFamily } from './aws-cost/family';
import { awsDataFamily } from './aws-data/family';
import { awsDatabaseFamily } from './aws-database/family';
import { awsEksFamily } from './aws-eks/family';
import { awsEventsFamily } from './aws-events/family';
import { awsEksAddonsFamily, awsEksWorkloadsFamily } from './aws-eks-workloads/family';
import { awsFunctionsFamily } from './aws-functions/family';
import { awsNetworkFamily } from './aws-network/family';
import { awsServicesFamily } from './aws-services/family';
import { azureAksFamily } from './azure-aks/family';
import { azureAksWorkloadsFamily } from './azure-aks-workloads/family';
import { azureBaselineFamily } from './azure-baseline/family';
import { azureContainersFamily } from './azure-containers/family';
import { azureDatabaseFamily } from './azure-database/family';
import { azureFunctionsFamily } from './azure-functions/family';
import { azureNetworkFamily } from './azure-network/family';
import { ciIdentityFamily } from './ci-identity/family';
import { awsDrReplicationFamily, awsDrVpnFamily, gcpDrVpnFamily } from './dr/family';
import { addressPlanCheck, arnPartitionCheck, crossEnvironmentPlanProblems } from './environment/checks';
import { type EnvironmentCore, EnvironmentCoreSchema } from './environment/config';
import { policySection } from './environment/policy';
import type { StackFamily } from './family';
import { gcpBaselineFamily } from './gcp-baseline/family';
import { gcpDatabaseFamily } from './gcp-database/family';
import { gcpFunctionsFamily } from './gcp-functions/family';
import { gcpGkeFamily } from './gcp-gke/family';
import { gcpGkeWorkloadsFamily } from './gcp-gke-workloads/family';
import { gcpNetworkFamily } from './gcp-network/family';
import { gcpRunFamily } from './gcp-run/family';
import { sharedStateBucketProblems, stateSection } from './state-backend/config';
import { stateBackendFamily } from './state-backend/family';

/**
 * Every stack family, in deploy order: the one list the app, the stack graph, the deploy order,
 * the README's stack table and `npm run graph` are made from. A family comes after every family
 * it depends on (checked when the registry is loaded).
 *
 * To add a capability: write its config section, stack and family beside each other in
 * `stacks/<family>/`, then add one line here (README: "Add a stack family").
 */
export const STACK_FAMILIES: readonly StackFamily<any, any>[] = [
  stateBackendFamily,
  ciIdentityFamily,
  gcpBaselineFamily,
  azureBaselineFamily,
  awsNetworkFamily,
  gcpNetworkFamily,
  azureNetworkFamily,
  awsDatabaseFamily,
  gcpDatabaseFamily,
  azureDatabaseFamily,
  awsDrVpnFamily,
  gcpDrVpnFamily,
  awsDrReplicationFamily,
  awsAlertsFamily,
  awsBaselineFamily, // after aws-alerts: GuardDuty findings go to its topic
  awsDataFamily,
  awsCostFamily, // after aws-alerts: the budget notifies its topic
  awsFunctionsFamily,
  awsServicesFamily,
  awsEventsFamily,
  awsEksFamily,
  awsEksAddonsFamily,
  awsEksWorkloadsFamily,
  awsDashboardFamily, // after every AWS family whose resources it charts
  gcpRunFamily,
  gcpEventsFamily, // after gcp-run: push subscriptions need the services' URLs
  gcpFunctionsFamily, // after gcp-events: functions are triggered by its topics
  gcpDataFamily, // after the service accounts of gcp-run and gcp-functions it grants access to
  gcpCostFamily,
  gcpGkeFamily,
  gcpGkeWorkloadsFamily,
  azureFunctionsFamily,
  azureContainersFamily,
  azureDataFamily, // after the apps whose identities it grants data access to
  azureEventsFamily, // after azure-data: Event Grid subscribes to its storage account
  azureCostFamily,
  azureAksFamily,
  azureAksWorkloadsFamily,
];

/** Every config section: the families' own, each once, in registry order. */
export const CONFIG_SECTIONS: readonly ConfigSection[] = [
  stateSection,
  policySection,
  ...new Set(STACK_FAMILIES.map((f) => f.section as ConfigSection)),
].filter((s, i, all) => all.indexOf(s) === i);

/** What the loader checks: the core fields, every section, the address plan, ARN partitions, and across files. */
export const CONFIG_REGISTRY: ConfigRegistry<EnvironmentCore> = {
  core: EnvironmentCoreSchema,
  sections: CONFIG_SECTIONS,
  checks: [addressPlanCheck(CONFIG_SECTIONS), arnPartitionCheck(CONFIG_SECTIONS)],
  crossChecks: [sharedStateBucketProblems, crossEnvironmentPlanProblems(CONFIG_SECTIONS)],
};

/** Throws when a family is listed before one it depends on, or twice, or two share an id. */
export function checkRegistryOrder(families: readonly StackFamily<any, any>[]): void {
  const seen = new Set<StackFamily<any, any>>();
  const ids = new Set<string>();
  for (const family of families) {
    if (ids.has(family.id)) throw new Error(`stack family "${family.id}" is registered twice`);
    for (const dep of [...family.dependsOn, ...(family.conditionalDependsOn ?? []).map((d) => d.family)]) {
      if (!seen.has(dep)) {
        throw new Error(`stack family "${family.id}" is listed before "${dep.id}", which it depends on; reorder stacks/registry.ts`);
      }
    }
    seen.add(family);
    ids.add(family.id);
  }
}

checkRegistryOrder(STACK_FAMILIES);
