import { POSTGRES_SKU_SERIES, postgresSkuSizes, skuProblem } from '../../../modules/azure/postgres-rules';
import { environmentProblems } from '../../helpers/environment';

/** Problems of an environment with the Azure database on and `skuName` set (Burstable without HA). */
function problemsOf(skuName: unknown): string[] {
  const highAvailability = typeof skuName === 'string' && skuName.startsWith('B_') ? { highAvailability: 'Disabled' } : {};
  return environmentProblems({ azure: { database: { enabled: true, skuName, ...highAvailability } } });
}

const SIZES = {
  B: 'B2s, B{1,2,4,8,12,16,20}ms',
  GP: 'D{2,4,8,16,32,48,64}s_v3, D{2,4,8,16,32,48,64}ds_v4, D{2,4,8,16,32,48,64,96}ds_v5, D{2,4,8,16,32,48,64,96}ads_v5',
  MO: 'E{2,4,8,16,32,48,64}s_v3, E{2,4,8,16,20,32,48,64}ds_v4, E{2,4,8,16,20,32,48,64,96}ds_v5, E{2,4,8,16,20,32,48,64,96}ads_v5',
};

describe('azure.database.skuName', () => {
  it.each(['B_Standard_B1ms', 'B_Standard_B2s', 'B_Standard_B20ms', 'GP_Standard_D2s_v3', 'GP_Standard_D4ds_v5', 'GP_Standard_D96ads_v5', 'MO_Standard_E4ds_v5', 'MO_Standard_E20ds_v4', 'MO_Standard_E64s_v3'])(
    'accepts %s',
    (sku) => {
      expect(problemsOf(sku)).toEqual([]);
    },
  );

  it.each([
    ['GP_Standard_D3ds_v5', 'General Purpose', 'GP'],
    ['GP_Standard_D2ds_v9', 'General Purpose', 'GP'],
    ['GP_Standard_E4ds_v5', 'General Purpose', 'GP'],
    ['GP_Standard_D128ds_v5', 'General Purpose', 'GP'],
    ['MO_Standard_D4ds_v5', 'Memory Optimized', 'MO'],
    ['MO_Standard_E20s_v3', 'Memory Optimized', 'MO'],
    ['B_Standard_B3ms', 'Burstable', 'B'],
    ['B_Standard_D2ds_v5', 'Burstable', 'B'],
  ] as const)('rejects %s, a size its tier does not offer, naming the sizes', (sku, tierName, tier) => {
    expect(problemsOf(sku)).toEqual([
      `config/test.yaml: azure.database.skuName "${sku}" is not a ${tierName} size flexible server offers; use ${tier}_Standard_<size> with size ${SIZES[tier]} ({...}: one of the vCPU counts)`,
    ]);
  });

  it.each(['Standard_D2s_v3', 'GP_D2ds_v5', 'gp_Standard_D2ds_v5', 'GP_Standard_', 'GP_Standard_D2ds_v5 '])('rejects the malformed SKU "%s" with the form', (sku) => {
    expect(problemsOf(sku)).toEqual([
      `config/test.yaml: azure.database.skuName "${sku}" is not a flexible server SKU; use <tier>_Standard_<size> with tier B (Burstable), GP (General Purpose) or MO (Memory Optimized), e.g. "GP_Standard_D2ds_v5" or "B_Standard_B1ms"`,
    ]);
  });

  it('accepts every size of the catalogue and nothing between its vCPU counts', () => {
    for (const tier of Object.keys(POSTGRES_SKU_SERIES) as (keyof typeof POSTGRES_SKU_SERIES)[]) {
      for (const size of postgresSkuSizes(tier)) expect(skuProblem(`${tier}_Standard_${size}`)).toBeUndefined();
    }
    expect(postgresSkuSizes('GP')).toHaveLength(30);
    expect(skuProblem('GP_Standard_D6ds_v5')).toMatch(/^is not a General Purpose size/);
  });
});
