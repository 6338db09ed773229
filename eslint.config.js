const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importPlugin = require('eslint-plugin-import');

const PID_RULE = { object: 'process', property: 'pid', message: 'Not unique across worker threads: use write-file-atomic for files, tempPathBeside() for folders, mkdtemp for scratch.' };

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'cdktf.out.*/**', '.cache/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Importing a provider package from its root loads every binding: 20+ s and gigabytes.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@cdktf/provider-[a-z0-9-]+$',
              message: 'Import provider classes from their deep path, e.g. @cdktf/provider-aws/lib/vpc.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      quotes: ['error', 'single', { avoidEscape: true }],
    },
  },
  {
    // Layers point one way: modules/ (constructs, their defaults, limits and rules) <- stacks/
    // (config sections, stacks, the registry) <- main.ts. No import cycles anywhere.
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } }, 'import/parsers': { '@typescript-eslint/parser': ['.ts'] } },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './modules', from: './stacks', message: 'modules/ is the bottom layer: constructs never import stacks/ or config sections.' },
            { target: './modules', from: './main.ts', message: 'modules/ never imports the app.' },
            { target: './stacks', from: './main.ts', message: 'stacks/ never imports the app.' },
            {
              target: ['./modules/aws', './modules/gcp', './modules/azure', './modules/dr', './modules/state', './modules/kubernetes', './modules/policy'],
              from: './modules/core/config',
              message: 'Constructs never import config code: export defaults, limits and rule functions for the config layer to use.',
            },
          ],
        },
      ],
    },
  },
  {
    // Test files run in worker threads of one process: a name made of process.pid is shared by
    // all of them (two threads renamed each other's cache file away on a cold CI run). Write files
    // with write-file-atomic, fill folders at tempPathBeside() (modules/core/temp-path.ts).
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    ignores: ['modules/core/temp-path.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        PID_RULE,
      ],
    },
  },
  {
    // The product's code (tests may use cdktf's own, to check both): cdktf resolves a function's
    // arguments once per nesting level; modules/core/jsonencode.ts gives the same expression,
    // resolved once. (Repeats the rule above: a later block replaces a rule's options.)
    files: ['modules/**/*.ts', 'stacks/**/*.ts', 'main.ts'],
    ignores: ['modules/core/temp-path.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        PID_RULE,
        { object: 'Fn', property: 'jsonencode', message: 'Use jsonencode() from modules/core/jsonencode.ts: the same expression, resolved in linear time.' },
      ],
    },
  },
  {
    // A test's files belong in the run's temporary folder (os.tmpdir(): jest's global set-up sets
    // TMPDIR to a folder its teardown deletes), not at a fixed path every run and worker shares.
    files: ['__tests__/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/^\\/tmp\\//]', message: "Use os.tmpdir(): the run's temporary folder, deleted after the run." },
        { selector: 'TemplateElement[value.raw=/^\\/tmp\\//]', message: "Use os.tmpdir(): the run's temporary folder, deleted after the run." },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
