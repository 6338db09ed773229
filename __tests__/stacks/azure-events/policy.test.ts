import * as fs from 'node:fs';
import { Testing } from 'cdktf';
import { runPolicyPack } from '../../../modules/policy/report';
import { azureCostFamily } from '../../../stacks/azure-cost/family';
import { azureDataFamily } from '../../../stacks/azure-data/family';
import { azureEventsFamily } from '../../../stacks/azure-events/family';
import { buildFamily, CONTAINERS, FUNCTIONS, NETWORK, parseShipped } from '../azure-data/azure-sections';

const DATA_OUT = { resourceGroupName: 'rg-data', location: 'westeurope', storageAccountId: '/subscriptions/0/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st', blobPrivateDnsZoneId: 'zone' };

/**
 * The policy pack (every rule) over the azure-data, azure-events and azure-cost stacks of each
 * shipped environment, without suppressions: staging and prod are clean; dev's findings are the
 * deliberate ones its file documents (LRS storage), warnings only.
 */
describe.each(['dev', 'staging', 'prod'])('policy pack on the %s Azure data, events and cost stacks', (env) => {
  const { config } = parseShipped(`config/${env}.yaml`, fs.readFileSync(`config/${env}.yaml`, 'utf8'));
  const app = Testing.app();
  const upstream = { 'azure-network': NETWORK, 'azure-functions': FUNCTIONS, 'azure-containers': CONTAINERS, 'azure-data': DATA_OUT };
  for (const family of [azureDataFamily, azureEventsFamily, azureCostFamily]) buildFamily(family, config!, upstream, app);
  const failing = runPolicyPack(app).findings.filter((f) => f.status === 'non-compliant');

  it('has no failing error-level rule', () => {
    expect(failing.filter((f) => f.level === 'error')).toEqual([]);
  });

  it(env === 'dev' ? 'fails only AZ-ST-6 (not geo-replicated), on the two LRS accounts' : 'fails no rule at all', () => {
    expect(failing.map((f) => `${f.rule} ${f.path}`).sort()).toEqual(
      env === 'dev' ? ['AZ-ST-6 dev-azure-data/storage/resource', 'AZ-ST-6 dev-azure-events/dead-letter/resource'] : [],
    );
  });
});

describe('the dev suppressions the lead is asked to add', () => {
  it('leave dev with no failing finding', () => {
    const { config } = parseShipped('config/dev.yaml', fs.readFileSync('config/dev.yaml', 'utf8'));
    const app = Testing.app();
    const upstream = { 'azure-network': NETWORK, 'azure-functions': FUNCTIONS, 'azure-containers': CONTAINERS, 'azure-data': DATA_OUT };
    for (const family of [azureDataFamily, azureEventsFamily, azureCostFamily]) buildFamily(family, config!, upstream, app);
    const report = runPolicyPack(app, {
      environmentSuppressions: {
        dev: [
          { rule: 'AZ-ST-6', resource: 'dev-azure-data/storage', reason: 'dev data storage is LRS to save cost (azure.data.storage.replication LRS); dev data is disposable' },
          { rule: 'AZ-ST-6', resource: 'dev-azure-events/dead-letter', reason: 'dev Event Grid dead letters are LRS (azure.events.eventGrid.deadLetterReplication LRS) and kept 7 days' },
        ],
      },
    });
    expect(report.findings.filter((f) => f.status === 'non-compliant')).toEqual([]);
    expect(report.findings.filter((f) => f.status === 'suppressed')).toHaveLength(2);
  });
});
