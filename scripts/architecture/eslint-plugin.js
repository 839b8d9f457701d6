// @ts-check
// The architecture rules (rules.js) as an ESLint rule, so an editor marks a forbidden import where it is written.
// It sees one file at a time; cycles and what `serve` loads are checked by test/architecture.test.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveImport, verdictOf } from './rules.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * @typedef {import('eslint').Rule.RuleModule} RuleModule
 * @typedef {import('eslint').Rule.Node} Node
 * @typedef {import('./rules.js').ImportKind} ImportKind
 * @typedef {{ value?: unknown } | null | undefined} Literal
 * @typedef {{ type: string, source?: Literal, importKind?: string, exportKind?: string }}
 *   ImportNode the fields of the ESTree (and typescript-eslint) nodes that import
 */

/**
 * The specifier a node imports (`import … from`, `export … from`, `import()`, `typeof import()`), if any.
 * @param {ImportNode} node
 * @returns {{ specifier: unknown, kind: ImportKind } | undefined}
 */
function importOf(node) {
  switch (node.type) {
    case 'ImportDeclaration':
      return { specifier: node.source?.value, kind: node.importKind === 'type' ? 'type' : 'static' };
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
      return { specifier: node.source?.value, kind: node.exportKind === 'type' ? 'type' : 'static' };
    case 'ImportExpression':
      return { specifier: node.source?.value, kind: 'dynamic' };
    case 'TSImportType':
      return { specifier: node.source?.value, kind: 'type' };
    default:
      return undefined;
  }
}

/** @type {RuleModule} */
const importsFollowTheRules = {
  meta: {
    type: 'problem',
    docs: { description: 'imports between the areas of src/ follow scripts/architecture/rules.js' },
    messages: { forbidden: '{{from}} -> {{to}}: {{message}} ({{rule}}; scripts/architecture/rules.js)' },
    schema: [],
  },
  create(context) {
    const from = path.relative(repositoryRoot, context.filename).split(path.sep).join('/');
    /** @param {Node} node */
    const check = (node) => {
      const found = importOf(/** @type {ImportNode} */ (/** @type {unknown} */ (node)));
      if (typeof found?.specifier !== 'string') return;
      const to = resolveImport(from, found.specifier);
      if (to === undefined) return;
      const verdict = verdictOf(from, to, found.kind);
      if (verdict) context.report({ node, messageId: 'forbidden', data: { from, to, ...verdict } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportType: check,
    };
  },
};

export default { rules: { 'imports-follow-the-rules': importsFollowTheRules } };
