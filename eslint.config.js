/**
 * ESLint flat config: LWC rules (recommended-ts) + typescript-eslint for components authored in
 * TypeScript, and typescript-eslint for the Node tooling under tools/.
 * Note: `tseslint.configs.base` is a single config object (spreading it crashes with 8.74).
 */
const { defineConfig } = require('eslint/config');
const globals = require('globals');
const tseslint = require('typescript-eslint');
const lwcConfig = require('@salesforce/eslint-config-lwc/recommended-ts');

module.exports = defineConfig([
    {
        ignores: [
            '**/lwc/**/*.js',
            'node_modules/**',
            'dist/**',
            'reports/**',
            'coverage/**',
            'tools/gate/fixtures/**',
            'tools/sf-cli/**'
        ]
    },
    {
        files: ['force-app/**/lwc/**/*.ts'],
        extends: [lwcConfig, tseslint.configs.base, ...tseslint.configs.recommended],
        languageOptions: {
            parser: tseslint.parser,
            parserOptions: { ecmaVersion: 'latest', sourceType: 'module' }
        },
        rules: {
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            '@typescript-eslint/ban-ts-comment': 'error'
        }
    },
    {
        files: ['force-app/**/lwc/**/__tests__/**/*.ts', 'force-app/test/**/*.ts'],
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
            '@typescript-eslint/no-explicit-any': 'off',
            '@typescript-eslint/no-require-imports': 'off'
        }
    },
    {
        files: ['tools/**/*.ts', 'mcp/**/*.ts'],
        extends: [tseslint.configs.base, ...tseslint.configs.recommended],
        languageOptions: {
            parser: tseslint.parser,
            globals: { ...globals.node }
        },
        rules: {
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
        }
    }
]);
