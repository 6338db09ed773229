import * as fs from 'node:fs';
import { azureCostSection } from '../../../stacks/azure-cost/config';
import { azureDataSection } from '../../../stacks/azure-data/config';
import { azureEventsSection } from '../../../stacks/azure-events/config';
import { parseShipped } from '../azure-data/azure-sections';

/** The shipped environments parse with azure.data, azure.events and azure.cost, and say what the task asked. */
describe.each(['dev', 'staging', 'prod'])('config/%s.yaml azure.data / events / cost', (env) => {
  const { config, problems } = parseShipped(`config/${env}.yaml`, fs.readFileSync(`config/${env}.yaml`, 'utf8'));
  const own = problems.filter((p) => /^azure\.(data|events|cost)/.test(p.path));

  it('has no problems in these sections', () => {
    expect(own).toEqual([]);
  });

  it('sends "items" from the container app to the function app, and blob-created events to the function through a queue', () => {
    if (!config) return expect(problems).toEqual([]);
    const events = config.section(azureEventsSection);
    expect(events.enabled).toBe(true);
    expect(events.serviceBus!.queues.items).toMatchObject({ senders: ['containers.hello'], receivers: ['functions.hello'] });
    expect(events.eventGrid!.subscriptions['blob-created']).toMatchObject({ includedEventTypes: ['Microsoft.Storage.BlobCreated'], queue: 'blob-events' });
    expect(events.serviceBus!.queues['blob-events']!.receivers).toEqual(['functions.hello']);
    // Only dev may take the public Standard tier.
    expect(events.serviceBus!.sku).toBe(env === 'dev' ? 'Standard' : 'Premium');
    expect(config.section(azureDataSection)).toMatchObject({ enabled: true, storage: expect.any(Object), cosmos: expect.any(Object) });
    expect(config.section(azureCostSection)).toMatchObject({ enabled: true, scope: 'subscription', filterByCostCentre: true });
    if (env === 'prod') expect(config.section(azureDataSection).storage!.replication).toBe('GZRS');
  });
});
