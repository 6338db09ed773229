import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { googleProvider } from '../../../stacks/private/google-provider';
import { testContext } from '../../helpers/environment';

function synthProvider(patch: Record<string, any> = {}): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  googleProvider(stack, testContext(patch));
  return Testing.synth(stack);
}

describe('googleProvider', () => {
  it("targets the environment's project and region", () => {
    expect(synthProvider()).toHaveProviderWithProperties(GoogleProvider, {
      project: 'acme-test-1',
      region: 'europe-west1',
    });
  });

  it('sets the environment labels as default_labels with their keys unchanged', () => {
    const provider = JSON.parse(synthProvider({ tags: { extra: { 'data-class': 'internal' } } })).provider.google[0];
    expect(provider.default_labels).toEqual({
      environment: 'test',
      owner: 'platform-team',
      'cost-centre': 'cc-1',
      'managed-by': 'cdktf-multicloud',
      'data-class': 'internal',
    });
  });
});
