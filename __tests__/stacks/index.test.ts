import { App, Testing } from 'cdktf';
import { environmentLabels, environmentTags } from '../../modules/core/tags';
import { addEnvironmentStacks, environmentContext } from '../../stacks';
import { loadEnvironments } from '../helpers/environment';
import { plainSecrets } from '../helpers/secrets';

/** Every stack of every shipped environment, synthesized once, as parsed JSON keyed by stack name. */
function synthesizeAll(): { env: string; name: string; json: any }[] {
  const envs = loadEnvironments('config');
  const app = new App({ outdir: Testing.app().outdir });
  for (const e of envs) addEnvironmentStacks(app, e.config);
  const out: { env: string; name: string; json: any }[] = [];
  for (const e of envs) {
    for (const stack of app.node.children) {
      if (!stack.node.id.startsWith(`${e.config.name}-`)) continue;
      out.push({ env: e.config.name, name: stack.node.id, json: JSON.parse(Testing.synth(stack as any)) });
    }
  }
  return out;
}

describe('the stacks of the shipped environments', () => {
  const envs = loadEnvironments('config');
  const stacks = synthesizeAll();

  it('has a bootstrap stack for every environment', () => {
    for (const e of envs) expect(stacks.map((s) => s.name)).toContain(`${e.config.name}-state-backend`);
  });

  it('names every stack <env>-<family>, in kebab-case', () => {
    for (const s of stacks) expect(s.name).toMatch(new RegExp(`^${s.env}-[a-z][a-z0-9]*(-[a-z0-9]+)+$`));
  });

  it('puts every stack but the bootstrap stack in the environment bucket, at <env>/<stack>.tfstate, encrypted and locked', () => {
    const others = stacks.filter((s) => !s.name.endsWith('-state-backend'));
    for (const s of others) {
      const config = environmentContext(envs.find((e) => e.config.name === s.env)!.config);
      const backend = s.json.terraform.backend;
      expect(Object.keys(backend)).toEqual(['s3']);
      expect(backend.s3).toMatchObject({
        bucket: config.state.bucket,
        region: config.state.region,
        key: `${s.env}/${s.name}.tfstate`,
        encrypt: true,
        kms_key_id: config.state.kmsKeyId ?? `arn:aws:kms:${config.state.region}:${config.aws.accountId}:alias/${config.state.bucket}`,
      });
      if (config.state.locking !== 'lockfile') expect(backend.s3.dynamodb_table).toBe(config.state.lockTable);
      if (config.state.locking !== 'dynamodb') expect(backend.s3.use_lockfile).toBe(true);
    }
    for (const s of stacks.filter((x) => x.name.endsWith('-state-backend'))) {
      expect(Object.keys(s.json.terraform.backend)).toEqual(['local']);
    }
  });

  it('gives every stack its own state key', () => {
    const keys = stacks
      .filter((s) => s.json.terraform.backend.s3)
      .map((s) => `${s.json.terraform.backend.s3.bucket}/${s.json.terraform.backend.s3.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('configures every AWS provider with the default tags and every Google provider with the default labels', () => {
    for (const s of stacks) {
      const config = environmentContext(envs.find((e) => e.config.name === s.env)!.config);
      for (const aws of s.json.provider?.aws ?? []) {
        expect(aws.default_tags).toEqual([{ tags: environmentTags(config) }]);
      }
      for (const google of s.json.provider?.google ?? []) {
        expect(google.default_labels).toEqual(environmentLabels(config));
      }
    }
  });

  it('tags every Azure resource that takes tags with the environment tags', () => {
    for (const s of stacks) {
      const config = environmentContext(envs.find((e) => e.config.name === s.env)!.config);
      for (const [type, resources] of Object.entries<any>(s.json.resource ?? {})) {
        if (!type.startsWith('azurerm_')) continue;
        for (const r of Object.values<any>(resources)) {
          if ('tags' in r) expect(r.tags).toMatchObject(environmentTags(config));
        }
      }
    }
  });

  it('holds no password, secret value or private key in plain text in any synthesized stack', () => {
    expect(stacks.length).toBeGreaterThan(20);
    expect(stacks.flatMap((s) => plainSecrets(s.name, s.json))).toEqual([]);
  });
});

