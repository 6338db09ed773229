import { gcpCostSection } from '../../../stacks/gcp-cost/config';
import { gcpEnvironment, gcpProblems } from '../gcp-events/gcp-test-env';

const C = 'config/test.yaml: gcp.cost';
const cost = (c: Record<string, any> = {}) => ({ gcp: { cost: { enabled: true, billingAccount: '01ABCD-23EF45-6789AB', ...c } } });

describe('gcp.cost config', () => {
  it('is off by default', () => {
    expect(gcpEnvironment().section(gcpCostSection).enabled).toBe(false);
  });

  it('notifies at 50/80/100 % actual and 100 % forecast, through a CMEK topic, filtered by cost centre', () => {
    expect(gcpEnvironment(cost()).section(gcpCostSection)).toEqual({
      enabled: true,
      billingAccount: '01ABCD-23EF45-6789AB',
      monthlyAmount: 100,
      currency: 'USD',
      actualThresholdsPercent: [50, 80, 100],
      forecastThresholdsPercent: [100],
      emails: [],
      pubsub: { enabled: true, cmek: true },
      disableDefaultIamRecipients: false,
      filterByCostCentre: true,
    });
  });

  it.each<[string, Record<string, any>, string[]]>([
    ['no billing account', { gcp: { cost: { enabled: true } } }, [`${C}.billingAccount is missing; an enabled budget needs the billing account id, XXXXXX-XXXXXX-XXXXXX (upper-case hex digits)`]],
    ['a lower-case billing account', cost({ billingAccount: '01abcd-23ef45-6789ab' }), [
      `${C}.billingAccount "01abcd-23ef45-6789ab" is not a billing account id; use XXXXXX-XXXXXX-XXXXXX (upper-case hex digits), e.g. "01ABCD-23EF45-6789AB"`,
    ]],
    ['a threshold of 0', cost({ actualThresholdsPercent: [0] }), [`${C}.actualThresholdsPercent[0] 0 is out of range; use 1-1000 percent of the budget`]],
    ['a threshold over 1000', cost({ forecastThresholdsPercent: [1500] }), [`${C}.forecastThresholdsPercent[0] 1500 is out of range; use 1-1000 percent of the budget`]],
    ['a threshold twice', cost({ actualThresholdsPercent: [80, 80] }), [`${C}.actualThresholdsPercent[1] 80 is listed twice; list each threshold once`]],
    ['no threshold', cost({ actualThresholdsPercent: [], forecastThresholdsPercent: [] }), [
      `${C}.actualThresholdsPercent [] and forecastThresholdsPercent are both empty; give at least one threshold (1-1000 percent)`,
    ]],
    ['a currency that is not a code', cost({ currency: 'eur' }), [`${C}.currency "eur" is not a currency code; use the billing account's ISO 4217 code, e.g. "USD" or "EUR"`]],
    ['nobody to notify', cost({ disableDefaultIamRecipients: true, pubsub: { enabled: false } }), [
      `${C}.disableDefaultIamRecipients true leaves the budget with nobody to notify; list emails, keep pubsub.enabled, or keep the default recipients`,
    ]],
    ['a negative amount', cost({ monthlyAmount: -5 }), [`${C}.monthlyAmount -5 is not an amount; use a positive whole number`]],
  ])('rejects %s', (_, patch, expected) => {
    expect(gcpProblems(patch)).toEqual(expected);
  });
});
