import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Password } from '@cdktf/provider-random/lib/password';
import { Testing } from 'cdktf';
import { CloudSqlDmsUser, type CloudSqlDmsUserProps } from '../../../modules/dr/cloud-sql-dms-user';

function synth(props: Partial<CloudSqlDmsUserProps> = {}): string {
  return Testing.synthScope((scope) => {
    new CloudSqlDmsUser(scope, 'dms-user', { instanceName: 'test-postgres', ...props });
  });
}

describe('CloudSqlDmsUser', () => {
  it('creates a built-in user with a generated password DMS accepts', () => {
    const text = synth();
    expect(text).toHaveResourceWithProperties(SqlUser, { instance: 'test-postgres', name: 'dms_replication', type: 'BUILT_IN' });
    expect(text).toHaveResourceWithProperties(Password, { length: 32, special: true, override_special: '-_!#^~' });
    const user = Object.values(JSON.parse(text).resource.google_sql_user)[0] as any;
    expect(user.password).toMatch(/^\$\{random_password\..*\.result\}$/);
    expect('-_!#^~').not.toMatch(/[;.:+]/);
  });

  it.each([
    [{ userName: 'DMS-User' }, /userName "DMS-User" is not a PostgreSQL identifier/],
    [{ passwordLength: 12 }, /passwordLength 12 is out of range; use 24-64/],
  ])('rejects %o', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
