import { plainSecrets } from './secrets';

describe('plainSecrets', () => {
  it('finds literal secrets and non-sensitive outputs of secrets, and accepts references', () => {
    const json = {
      resource: {
        aws_db_instance: { db: { password: 'hunter22', username: 'admin' } },
        aws_db_parameter_group: { pg: { parameter: [{ name: 'x', value: '1' }] } },
        azurerm_key_vault_secret: { s: { value: 'plain' }, t: { value_wo: '${random_password.p.result}' } },
        google_sql_user: { u: { password: '${random_password.p.result}' } },
      },
      output: {
        leaked: { value: '${random_password.p.result}' },
        hidden: { value: '${random_password.p.result}', sensitive: true },
        id: { value: '${azurerm_key_vault_secret.password.versionless_id}' },
      },
    };
    expect(plainSecrets('s', json).sort()).toEqual([
      's.output.leaked (not sensitive)',
      's.resource.aws_db_instance.db.password',
      's.resource.azurerm_key_vault_secret.s.value',
    ]);
  });
});
