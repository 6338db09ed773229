import { contentCached } from '../../core/content-cache';

/** What asl-validator returns. */
export interface AslValidatorResult {
  readonly isValid: boolean;
  readonly errors: { 'Error code': string; Message: string; schemaError?: { instancePath?: string } }[];
}

type Validate = (definition: unknown, options: { checkArn: boolean; checkPaths: boolean }) => AslValidatorResult;

const OPTIONS = { checkArn: true, checkPaths: true } as const;
const CACHE = { kind: 'asl-verdicts', offSwitch: 'INFRA_ASL_CACHE' } as const;

/**
 * The Amazon States Language validator (asl-validator) over a definition, remembered by content.
 *
 * asl-validator builds and compiles its JSON schemas anew on every call (about 0.3 s), and the
 * same definition is checked by the config check and by the construct in every environment. Its
 * verdict depends only on the definition, the options and its own version, so it is kept in
 * memory and in `.cache/asl-verdicts/<sha256>.json` under a key of exactly those
 * ({@link contentCached}); `INFRA_ASL_CACHE=off` turns the file cache off.
 */
export function validateAslDefinition(definition: unknown): AslValidatorResult {
  const text = JSON.stringify(definition);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require('asl-validator/package.json') as { version: string }).version;
  return contentCached(CACHE, `asl-validator@${version}\0${JSON.stringify(OPTIONS)}\0${text}`, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validate = require('asl-validator') as Validate;
    // The validator fills in defaults (QueryLanguage) on what it is given: it gets a copy.
    const r = validate(JSON.parse(text), { ...OPTIONS });
    return { isValid: r.isValid, errors: r.errors.map((e) => ({ 'Error code': e['Error code'], Message: e.Message, ...(e.schemaError ? { schemaError: { instancePath: e.schemaError.instancePath } } : {}) })) };
  })!;
}
