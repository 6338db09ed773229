import { type App, Testing, type TerraformStack } from 'cdktf';
import { stringify } from 'yaml';
import type { Environment } from '../../../modules/core/config/load';
import { parseEnvironment } from '../../../modules/core/config/load';
import type { ConfigSection } from '../../../modules/core/config/section';
import { environmentContext } from '../../../stacks';
import { azureCostSection } from '../../../stacks/azure-cost/config';
import { azureDataSection } from '../../../stacks/azure-data/config';
import { azureEventsSection } from '../../../stacks/azure-events/config';
import type { EnvironmentCore } from '../../../stacks/environment/config';
import type { BuildContext, StackFamily } from '../../../stacks/family';
import { CONFIG_REGISTRY } from '../../../stacks/registry';
import { baseEnvironmentInput, merge } from '../../helpers/environment';

/**
 * The app's config registry plus `azure.data`, `azure.events` and `azure.cost` (until the lead
 * registers their families; then they are already there and nothing is added).
 */
const SECTIONS = [azureDataSection, azureEventsSection, azureCostSection] as ConfigSection[];
export const REGISTRY = {
  ...CONFIG_REGISTRY,
  sections: [...CONFIG_REGISTRY.sections, ...SECTIONS.filter((s) => !CONFIG_REGISTRY.sections.includes(s))],
};

/** Problems of the base test environment with `patch` merged in, as `config/test.yaml: <path> <message>`. */
export function azureProblems(patch: Record<string, any>): string[] {
  return parseEnvironment('config/test.yaml', stringify(merge(baseEnvironmentInput(), patch)), REGISTRY).problems.map((p) => `${p.file}: ${p.path} ${p.message}`);
}

/** The parsed base test environment with `patch` merged in; throws on problems. */
export function azureEnvironment(patch: Record<string, any> = {}): Environment<EnvironmentCore> {
  const { config, problems } = parseEnvironment('config/test.yaml', stringify(merge(baseEnvironmentInput(), patch)), REGISTRY);
  if (!config) throw new Error(`test environment is invalid:\n${problems.map((p) => `${p.path} ${p.message}`).join('\n')}`);
  return config;
}

/** Parses a shipped environment file with the extended registry. */
export function parseShipped(file: string, text: string) {
  return parseEnvironment(file, text, REGISTRY);
}

/** Builds one family's stack on literal upstream outputs (as __tests__/helpers/environment.ts familyStack). */
export function buildFamily<T extends TerraformStack>(family: StackFamily<any, any>, env: Environment<EnvironmentCore>, upstream: Record<string, unknown>, app: App = Testing.app()): T {
  const ctx: BuildContext = {
    scope: app,
    name: `${env.name}-${family.id}`,
    environment: environmentContext(env),
    env,
    use: <O>(dep: StackFamily<any, O>): O => {
      if (!(dep.id in upstream)) throw new Error(`test gives no outputs of "${dep.id}", which ${family.id} uses`);
      return upstream[dep.id] as O;
    },
  };
  return family.build(ctx, env.section(family.section)).stack as T;
}

const VNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-network/providers/Microsoft.Network/virtualNetworks/vnet-test';
/** A subnet id of the literal network outputs. */
export const SUBNET = (role: string) => `${VNET}/subnets/snet-test-${role}`;
/** Literal outputs of `<env>-azure-network`. */
export const NETWORK = {
  resourceGroupName: 'rg-test-network',
  location: 'westeurope',
  vnetId: VNET,
  vnetName: 'vnet-test',
  subnetIds: Object.fromEntries(['app', 'data', 'aks', 'apps', 'functions', 'functions-premium'].map((r) => [r, SUBNET(r)])),
  nsgIds: {},
  postgresPrivateDnsZoneId: 'zone-id',
};
/** Literal outputs of `<env>-azure-functions` (one app, `hello`). */
export const FUNCTIONS = {
  resourceGroupName: 'rg-test-functions',
  logAnalyticsWorkspaceId: '/subscriptions/0/resourceGroups/rg-test-functions/providers/Microsoft.OperationalInsights/workspaces/log-test-functions',
  appIds: { hello: '/subscriptions/0/resourceGroups/rg-test-functions/providers/Microsoft.Web/sites/func-test-hello' },
  defaultHostnames: { hello: 'func-test-hello.azurewebsites.net' },
  principalIds: { hello: 'principal-functions-hello' },
};
/** Literal outputs of `<env>-azure-containers` (one app, `hello`). */
export const CONTAINERS = {
  resourceGroupName: 'rg-test-containers',
  logAnalyticsWorkspaceId: 'log-containers',
  registryId: 'acr',
  registryLoginServer: 'acr.azurecr.io',
  environmentId: 'cae',
  environmentDefaultDomain: 'x.westeurope.azurecontainerapps.io',
  environmentStaticIp: '10.3.8.10',
  appIds: { hello: 'ca-hello' },
  appFqdns: { hello: 'hello.x' },
  principalIds: { hello: 'principal-containers-hello' },
};
/** The apps the references in these tests name: azure.functions.apps.hello and azure.containers.apps.hello. */
export const APPS = {
  functions: { enabled: true, apps: { hello: { codeFolder: 'apps/azure-function' } } },
  containers: { enabled: true, apps: { hello: { image: 'api:1.0.0', targetPort: 8080 } } },
};
