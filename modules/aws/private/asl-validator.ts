import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** What asl-validator returns. */
export interface AslValidatorResult {
  readonly isValid: boolean;
  readonly errors: { 'Error code': string; Message: string; schemaError?: { instancePath?: string } }[];
}

type Validate = (definition: unknown, options: { checkArn: boolean; checkPaths: boolean }) => AslValidatorResult;

const OPTIONS = { checkArn: true, checkPaths: true } as const;
const memo = new Map<string, AslValidatorResult>();

/**
 * The Amazon States Language validator (asl-validator) over a definition, remembered by content.
 *
 * asl-validator builds and compiles its JSON schemas anew on every call (about 0.3 s), and the
 * same definition is checked by the config check and by the construct in every environment. Its
 * verdict depends only on the definition, the options and its own version, so it is kept in
 * memory and in `.cache/asl-verdicts/<sha256>.json` under a key of exactly those;
 * `INFRA_ASL_CACHE=off` turns the file cache off.
 */
export function validateAslDefinition(definition: unknown): AslValidatorResult {
  const text = JSON.stringify(definition);
  const hit = memo.get(text);
  if (hit) return hit;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require('asl-validator/package.json') as { version: string }).version;
  const key = crypto.createHash('sha256').update(`asl-validator@${version}\0${JSON.stringify(OPTIONS)}\0${text}`).digest('hex');
  const useFiles = !/^(off|0|false|no)$/i.test(process.env.INFRA_ASL_CACHE ?? '');
  const file = path.resolve('.cache', 'asl-verdicts', `${key}.json`);
  let result: AslValidatorResult | undefined;
  if (useFiles) {
    try {
      result = JSON.parse(fs.readFileSync(file, 'utf8')) as AslValidatorResult;
    } catch {
      // not judged yet
    }
  }
  if (!result) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validate = require('asl-validator') as Validate;
    // The validator fills in defaults (QueryLanguage) on what it is given: it gets a copy.
    const r = validate(JSON.parse(text), { ...OPTIONS });
    result = { isValid: r.isValid, errors: r.errors.map((e) => ({ 'Error code': e['Error code'], Message: e.Message, ...(e.schemaError ? { schemaError: { instancePath: e.schemaError.instancePath } } : {}) })) };
    if (useFiles) {
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        writeFileAtomic.sync(file, JSON.stringify(result), { fsync: false });
      } catch {
        // a cache that cannot be written only costs time
      }
    }
  }
  memo.set(text, result);
  return result;
}
