// The static analysis of `npm run check` (and so of CI): typescript-eslint's type-aware rules and
// eslint-plugin-security over every TypeScript file, warnings included (`--max-warnings 0`).
import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';

const TEST_FILES = ['**/*.test.ts', 'test/**/*.ts'];
const BENCHMARKS = ['bench/**/*.ts'];

export default tseslint.config(
  // Generated resolver types are rewritten by `npm run codegen`; .credence/ is local runtime state.
  // The migrations are linted: they are committed code that runs against the production database.
  { ignores: ['node_modules/', '.credence/', 'coverage/', 'schema/generated/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked, security.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The same convention as tsc's noUnusedLocals: a leading underscore names a value left out on
      // purpose (a destructured field dropped from a copy, an Express error handler's fourth argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Resolvers, activities and store methods implement async interfaces; an `async` without an
      // `await` keeps a thrown AppError a rejected promise, which is what their callers handle.
      '@typescript-eslint/require-await': 'off',
      // It reports every `a[k]` with a variable key, whatever k's type: outside the code that serves
      // requests (below) the keys are typed unions, array indexes, config names and the code's own
      // records, and its hundred-odd reports there name no defect.
      'security/detect-object-injection': 'off',
    },
  },
  {
    // Where requests are served, a key from a URL or a body must not reach Object.prototype
    // (POST /webhooks/constructor once did): each lookup by a variable is a Map, or says why its key is safe.
    files: ['gateway/**/*.ts', 'subgraphs/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'security/detect-object-injection': 'warn' },
  },
  {
    // Paths built from a variable are the norm where files are the job: the stack's data directory,
    // backups, scripts and their arguments, the test run's temporary directories. The rule stays on
    // where requests are served (gateway/, subgraphs/), where a path must never come from a request.
    files: ['platform/**/*.ts', 'stack/**/*.ts', 'scripts/**/*.ts', 'schema/**/*.ts', 'workflows/**/*.ts', 'domain/**/*.ts', ...BENCHMARKS, ...TEST_FILES],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
  {
    // Tests read GraphQL answers and database rows as untyped JSON and assert on them; typing each
    // answer would only restate the assertion. The product code and the benchmarks keep these rules.
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Their patterns are built from the test's own values and run over the test's own output.
      'security/detect-non-literal-regexp': 'off',
      'security/detect-unsafe-regex': 'off',
    },
  },
);
