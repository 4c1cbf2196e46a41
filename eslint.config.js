import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Layers, checked on every import specifier (STYLE 13; CONTRIBUTING.md "Layers"):
 * - policy/ judges facts: no adapter (github/, scalingo/), no reporter (report/), no HTTP client;
 * - report/ renders and writes: no adapter, no HTTP client;
 * - only cli/ and sandbox/ import cli/ or sandbox/, so the action's path (index.ts → main.ts →
 *   …) cannot reach them;
 * - no product module imports a test helper or fixture (__tests__/, __fixtures__/);
 * - policy/ and report/ do not import the orchestration (main, audit, collect-facts, publish, index),
 *   which reaches the adapters.
 * `__tests__/lint/layers.test.ts` lints planted imports against these blocks.
 */
const relative = (folders) => String.raw`^\.{1,2}/(?:.*/)?(?:${folders})(?:/|$)`
const LAYER = {
  testHelpers: {
    regex: relative('__tests__|__fixtures__'),
    message: 'A product module must not import a test helper or fixture.'
  },
  entryPoints: {
    regex: relative('cli|sandbox'),
    message:
      'Only src/cli and src/sandbox import src/cli or src/sandbox: the action (index.ts → main.ts → …) must not reach them.'
  },
  adapters: {
    regex: relative('github|scalingo'),
    message:
      'An adapter (src/github, src/scalingo) is imported by the orchestration only: policy and reporters get facts, not clients.'
  },
  reporters: {
    regex: relative('report'),
    message: 'The policy judges facts; it does not import a reporter (src/report).'
  },
  orchestration: {
    regex: String.raw`^(?:\.\./)+(?:main|audit|collect-facts|publish|index)\.js$`,
    message:
      'The orchestration (main, audit, collect-facts, publish, index) imports the layers, not the reverse.'
  },
  http: {
    regex: String.raw`^(?:@octokit/.*|undici|@actions/github|@actions/http-client|(?:node:)?https?)$`,
    message:
      'Policy and reporters make no request: HTTP clients belong to src/github and src/scalingo.'
  }
}

/** A files block forbidding these layers (a later block replaces an earlier one's list). */
const layers = (files, names) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: names.map((name) => LAYER[name]) }
    ]
  }
})

const LAYERS = [
  layers(['src/**/*.ts'], ['testHelpers', 'entryPoints']),
  layers(['src/cli/**/*.ts', 'src/sandbox/**/*.ts'], ['testHelpers']),
  layers(
    ['src/policy/**/*.ts'],
    ['testHelpers', 'entryPoints', 'adapters', 'reporters', 'orchestration', 'http']
  ),
  layers(
    ['src/report/**/*.ts'],
    ['testHelpers', 'entryPoints', 'adapters', 'orchestration', 'http']
  )
]

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'build/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  ...LAYERS,
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['ImportExpression', 'TSImportType', 'TSExternalModuleReference'].map((selector) => ({
          selector,
          message: 'Static imports only in src/, so that the layer check sees every import.'
        }))
      ]
    }
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly'
      }
    }
  }
)
