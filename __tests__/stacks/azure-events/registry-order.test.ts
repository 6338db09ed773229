import * as fs from 'node:fs';
import { Testing } from 'cdktf';
import { addEnvironmentStacks } from '../../../stacks';
import { azureContainersFamily } from '../../../stacks/azure-containers/family';
import { azureCostFamily } from '../../../stacks/azure-cost/family';
import { azureDataFamily } from '../../../stacks/azure-data/family';
import { azureEventsFamily } from '../../../stacks/azure-events/family';
import { azureFunctionsFamily } from '../../../stacks/azure-functions/family';
import { azureNetworkFamily } from '../../../stacks/azure-network/family';
import { checkRegistryOrder, STACK_FAMILIES } from '../../../stacks/registry';
import { parseShipped } from '../azure-data/azure-sections';

/** The registry with the three families where the lead is asked to put them: after azure-containers. */
const after = STACK_FAMILIES.indexOf(azureContainersFamily);
const FAMILIES = STACK_FAMILIES.includes(azureDataFamily)
  ? STACK_FAMILIES
  : [...STACK_FAMILIES.slice(0, after + 1), azureDataFamily, azureEventsFamily, azureCostFamily, ...STACK_FAMILIES.slice(after + 1)];

describe('azure-data, azure-events and azure-cost in the registry', () => {
  it('come after every family they may depend on (after azure-containers)', () => {
    expect(() => checkRegistryOrder(FAMILIES)).not.toThrow();
    expect(() => checkRegistryOrder([azureEventsFamily, azureDataFamily])).toThrow(/"azure-events" is listed before "azure-network"/);
  });

  it.each(['dev', 'staging', 'prod'])('build and synthesize with real cross-stack references from config/%s.yaml', (env) => {
    const { config } = parseShipped(`config/${env}.yaml`, fs.readFileSync(`config/${env}.yaml`, 'utf8'));
    const app = Testing.app();
    const azure = [azureNetworkFamily, azureFunctionsFamily, azureContainersFamily, azureDataFamily, azureEventsFamily, azureCostFamily];
    const stacks = addEnvironmentStacks(app, config!, azure);
    expect([...stacks.keys()]).toEqual(['azure-network', 'azure-functions', 'azure-containers', 'azure-data', 'azure-events', 'azure-cost']);
    for (const s of stacks.values()) s.prepareStack();
    const events = JSON.parse(Testing.synth(stacks.get('azure-events')!));
    // The events stack reads the apps' identities and the data account from the other stacks' state.
    expect(Object.keys(events.data.terraform_remote_state ?? {}).length).toBeGreaterThanOrEqual(3);
    expect(stacks.get('azure-events')!.dependencies.map((d) => d.node.id).sort()).toEqual([`${env}-azure-containers`, `${env}-azure-data`, `${env}-azure-functions`, `${env}-azure-network`]);
  });
});
