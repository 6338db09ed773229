import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files every stack's plan depends on besides its family's own sources. */
export const SHARED_SOURCES: readonly string[] = ['main.ts', 'package-lock.json', 'cdktf.json'];

/**
 * The folder of each stack family under `stacks/`, keyed by family id: the folder whose
 * `family.ts` declares `id: '<id>'` (a folder may declare several families, e.g. `stacks/dr/`).
 */
export function familyFolders(root: string): Map<string, string> {
  const folders = new Map<string, string>();
  const stacksDir = path.join(root, 'stacks');
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    const file = path.join(stacksDir, entry.name, 'family.ts');
    if (!entry.isDirectory() || !fs.existsSync(file)) continue;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bid:\s*'([a-z0-9-]+)'/g)) folders.set(match[1]!, `stacks/${entry.name}`);
  }
  return folders;
}

/** Resolves a relative import of `from` to a `.ts` file of the repository, or undefined. */
function resolveImport(root: string, from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(path.join(root, from)), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) return path.relative(root, candidate).split(path.sep).join('/');
  }
  return undefined;
}

/**
 * The repository's TypeScript files a family's stack is built from: the files of its folder and
 * every file they import, transitively (relative imports only; packages come from
 * package-lock.json). Sorted, relative to `root`, with `/` separators.
 */
export function familySourceFiles(root: string, folder: string): string[] {
  const start = fs
    .readdirSync(path.join(root, folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `${folder}/${f}`);
  const seen = new Set<string>(start);
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const resolved = resolveImport(root, file, match[1]!);
      if (resolved && !seen.has(resolved)) {
        seen.add(resolved);
        queue.push(resolved);
      }
    }
  }
  return [...seen].sort();
}

/**
 * The sources of every family as globs, keyed by family id: `<folder>/*.ts` for each folder
 * holding one of its source files (a folder, not each file, so that a new file or import inside
 * a folder the stack already uses does not change the CI files). What Atlantis watches to
 * autoplan the family's stacks.
 */
export function familySources(root: string): Map<string, string[]> {
  return new Map(
    [...familyFolders(root)].map(([id, folder]) => [id, [...new Set(familySourceFiles(root, folder).map((f) => `${path.posix.dirname(f)}/*.ts`))].sort()]),
  );
}
