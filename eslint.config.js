// One lint setup, run by `npm test`. The module rules of DESIGN.md live here, not in memory.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const slack = { group: ['@slack/*'], message: 'Only src/platforms/slack may import Slack libraries.' };
const discord = { group: ['discord.js', '@discordjs/*'], message: 'Only src/platforms/discord may import discord.js.' };
const platforms = { group: ['**/platforms/**'], message: 'This module must not depend on a chat platform.' };
const wiring = {
  group: ['**/index.js', '**/cli.js'],
  message: 'Only the composition root (src/index.ts, src/cli.ts) wires modules together.',
};
const storeOnly = {
  group: ['**/sources/**', '**/delivery/**', '**/commands/**', '**/knowledge/**', '**/config/**', '**/http/**'],
  message: 'src/store imports only src/incidents and src/shared.',
};

const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-restricted-imports': restrict(slack, discord, wiring),
    },
  },
  { files: ['src/platforms/slack/**'], rules: { 'no-restricted-imports': restrict(discord, wiring) } },
  { files: ['src/platforms/discord/**'], rules: { 'no-restricted-imports': restrict(slack, wiring) } },
  {
    files: ['src/sources/**', 'src/incidents/**', 'src/commands/**', 'src/knowledge/**'],
    rules: { 'no-restricted-imports': restrict(slack, discord, wiring, platforms) },
  },
  { files: ['src/store/**'], rules: { 'no-restricted-imports': restrict(slack, discord, wiring, platforms, storeOnly) } },
  // The composition root and the tests may import anything; tests of one platform may use its library.
  { files: ['src/index.ts', 'src/cli.ts', 'src/main/**', 'test/**', 'bench/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    // Test files grow with their tables of cases; fakes model whole services.
    files: ['test/**'],
    rules: { 'max-lines': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
