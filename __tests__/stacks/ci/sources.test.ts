import * as path from 'node:path';
import { familyFolders, familySourceFiles, familySources } from '../../../stacks/ci/sources';

const ROOT = path.resolve(__dirname, '../../..');

describe('family sources', () => {
  it("finds each family's folder from the id its family.ts declares, several families to a folder", () => {
    const folders = familyFolders(ROOT);
    expect(folders.get('aws-database')).toBe('stacks/aws-database');
    expect(folders.get('aws-dr-vpn')).toBe('stacks/dr');
    expect(folders.get('gcp-dr-vpn')).toBe('stacks/dr');
  });

  it('follows relative imports transitively, to the constructs the stack is built from', () => {
    const files = familySourceFiles(ROOT, 'stacks/aws-database');
    expect(files).toEqual(expect.arrayContaining(['stacks/aws-database/family.ts', 'stacks/aws-network/family.ts', 'modules/aws/postgres-database.ts', 'modules/core/naming.ts']));
    expect(files).not.toContain('stacks/registry.ts');
  });

  it('gives folder globs, so a new file in a folder the stack uses does not change the CI files', () => {
    const globs = familySources(ROOT).get('aws-database')!;
    expect(globs).toEqual(expect.arrayContaining(['stacks/aws-database/*.ts', 'modules/aws/*.ts']));
    expect(globs).not.toContain('stacks/gcp-database/*.ts');
  });
});
