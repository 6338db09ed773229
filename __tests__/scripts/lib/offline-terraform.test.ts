import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { DataResource, Testing, TerraformStack } from 'cdktf';
import { offlineTerraformEnv, requiredProviders, terraformCheckGcEnv } from '../../../scripts/lib/offline-terraform';
import { validateStacks } from '../../helpers/terraform';

/** A stack of Terraform's built-in terraform_data (no provider to load, so the check stays fast). */
function builtinStack(id: string, broken: boolean): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  const data = new DataResource(stack, 'data', { input: { ok: true } });
  // An argument the resource does not have: only real Terraform notices.
  if (broken) data.addOverride('no_such_argument', true);
  return stack;
}

describe('offline terraform validation', () => {
  const google = new TerraformStack(Testing.app(), 'google-only');
  new GoogleProvider(google, 'google', { project: 'acme-test-1' });
  const [good, bad, notCheckable] = validateStacks([builtinStack('good', false), builtinStack('bad', true), google]);

  it('reports a stack valid when terraform validate passes', () => {
    expect(good).toMatchObject({ stack: 'good', providers: [], status: 'valid' });
  });

  it('reports the stack that fails, with terraform’s message, and only that one', () => {
    expect(bad!.status).toBe('invalid');
    expect(bad!.detail).toMatch(/No argument or block type is named "no_such_argument"/);
  });

  it('says which provider is missing instead of skipping a stack it cannot check', () => {
    expect(notCheckable).toMatchObject({
      stack: 'google-only',
      status: 'not checkable',
      detail: 'not in the mirror: hashicorp/google@6.50.0',
    });
  });

  it('reads bare and namespaced provider sources', () => {
    expect(
      requiredProviders({
        terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' }, x: { source: 'registry.terraform.io/acme/x' } } },
      }),
    ).toEqual([
      { name: 'aws', source: 'hashicorp/aws', version: '5.100.0' },
      { name: 'x', source: 'acme/x', version: undefined },
    ]);
  });
});

describe('Go garbage collector of the checks (terraformCheckGcEnv)', () => {
  it('collects only near a soft memory limit unless the environment says otherwise', () => {
    expect(terraformCheckGcEnv({})).toEqual({ GOGC: 'off', GOMEMLIMIT: '1536MiB' });
    expect(terraformCheckGcEnv({ GOGC: '100', GOMEMLIMIT: '4GiB' })).toEqual({ GOGC: '100', GOMEMLIMIT: '4GiB' });
  });

  it('is part of every offline run, and the tests run Terraform with it', () => {
    const env = offlineTerraformEnv('/opt/tf-plugins');
    expect(env.GOGC).toBe(process.env.GOGC ?? 'off');
    expect(env.GOMEMLIMIT).toEqual(expect.stringMatching(/^\d+(MiB|GiB)$/));
    // set by __tests__/global-setup.js for every Terraform process of the suite
    expect(process.env.GOMEMLIMIT).toBeDefined();
  });
});
