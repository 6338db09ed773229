import * as fs from 'node:fs';
import * as path from 'node:path';
import { addressPlanMarkdown } from '../../../stacks/environment/address-plan';
import { loadEnvironments, testEnvironment } from '../../helpers/environment';

describe('addressPlanMarkdown', () => {
  it('lists every range of the plan with the field it comes from', () => {
    const table = addressPlanMarkdown([testEnvironment()]).split('\n');
    expect(table.slice(0, 2)).toEqual(['| environment | range | config field |', '|---|---|---|']);
    expect(table).toEqual(
      expect.arrayContaining([
        '| test | `10.0.0.0/16` | `aws.network.cidr` |',
        '| test | `10.1.0.0/20` | `gcp.network.subnets.main.cidr` |',
        '| test | `10.4.0.0/14` | `gcp.network.subnets.main.secondaryRanges.pods` |',
        '| test | `10.2.0.0/16` | `gcp.network.privateServiceAccessCidr` |',
        '| test | `10.3.0.0/16` | `azure.network.addressSpace` |',
      ]),
    );
  });

  it('is the table README.md shows for the shipped environments', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    const shipped = loadEnvironments('config').map((e) => e.config);
    expect(readme).toContain(addressPlanMarkdown(shipped));
  });
});
