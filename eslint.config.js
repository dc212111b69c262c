import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The pure core (domain, compiler, engine) must not reach UI, framework, database or file system. */
const pureCoreRestrictions = {
	'no-restricted-imports': [
		'error',
		{
			patterns: [
				{ group: ['svelte', 'svelte/*'], message: 'The pure core imports no Svelte.' },
				{ group: ['$app/*', '@sveltejs/*'], message: 'The pure core imports no SvelteKit.' },
				{
					group: ['$lib/server', '$lib/server/*', '**/server/**'],
					message: 'The pure core imports no server code.'
				},
				{ group: ['better-sqlite3'], message: 'The pure core imports no SQLite.' },
				{
					group: ['node:fs', 'fs', 'node:fs/*', 'fs/*'],
					message: 'The pure core touches no file system.'
				},
				{ group: ['@xyflow/*'], message: 'Only components/flow-canvas imports @xyflow.' },
				{
					group: ['$lib/components/*', '$lib/editor/*', '**/components/**', '**/editor/**'],
					message: 'The pure core depends on domain only.'
				}
			]
		}
	],
	'no-restricted-properties': [
		'error',
		{ object: 'Date', property: 'now', message: 'Time comes in through ctx.' },
		{ object: 'Math', property: 'random', message: 'Randomness comes in through ctx.' }
	],
	'no-restricted-syntax': [
		'error',
		{
			selector: "NewExpression[callee.name='Date'][arguments.length=0]",
			message: 'Time comes in through ctx.'
		}
	]
};

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['src/lib/domain/**', 'src/lib/compiler/**', 'src/lib/engine/**'],
		rules: pureCoreRestrictions
	},
	{
		files: ['src/lib/components/**/*'],
		ignores: ['src/lib/components/flow-canvas/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['@xyflow/*'], message: 'Only components/flow-canvas imports @xyflow.' }
					]
				}
			]
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'generated/',
			'test/golden/',
			'test-results/',
			'playwright-report/',
			'data/'
		]
	}
);
