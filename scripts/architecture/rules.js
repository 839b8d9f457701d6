// @ts-check
// The areas of src/ and who may import whom: one table, read by test/architecture.test.ts (the whole graph: every
// edge, cycles, what `serve` and `worker` load) and by eslint-plugin.js (one import statement at a time). Plain
// JavaScript with JSDoc types so that eslint.config.js can import it without a build step.
import path from 'node:path';

/** Files at the top of src/ that wire the parts together (they may reach every area's public files). */
export const COMPOSITION_ROOTS = [
  'src/app.ts',
  'src/cli.ts',
  'src/config.ts',
  'src/local-operator.ts',
  'src/process-setup.ts',
  'src/runtime.ts',
  'src/simulator-secrets.ts',
];

/** The one production file that may import simulators: `simfill start` loads it with `import()`, nothing else. */
export const EMBEDDED_STARTER = 'src/embedded-simulators.ts';

/** The files that may load the embedded starter (dynamically, on the `simfill start` path). */
export const EMBEDDED_STARTER_LOADERS = ['src/runtime.ts', 'src/cli.ts'];

/** Every table in one object, for drizzle-kit (drizzle.config.ts) only: no file in src/ imports it. */
export const DRIZZLE_KIT_SCHEMA = 'src/db/schema.ts';

/** Modules every other module may call through their doors: the audit log, the outbox, auth and contact. */
export const PLATFORM_MODULES = ['admin', 'notifications', 'identity'];

/**
 * The module → module edges allowed besides "every module → the platform doors" (which the platform modules
 * themselves do not get, or admin and identity would form a cycle). Always through the door, `service.ts`.
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const MODULE_EDGES = {
  identity: ['admin', 'notifications'],
  lines: ['catalog', 'identity'],
};

/** The order path: these modules never import one another (the flows join them), except lines → catalog. */
export const ORDER_PATH_MODULES = [
  'orders',
  'payments',
  'provisioning',
  'pricing',
  'ledger',
  'catalog',
  'lines',
];

/**
 * Each rule's id and the sentence a broken edge is reported with.
 * @type {Readonly<Record<string, string>>}
 */
export const RULES = {
  'kernel-imports-kernel':
    'the kernel imports only the kernel and db (the connection, which knows no module) (and packages)',
  'platform-below-modules': 'db and http import only kernel, db and http',
  'schema-for-drizzle-kit': `${DRIZZLE_KIT_SCHEMA} is for drizzle-kit: nothing in src/ imports it, it imports only schema files`,
  'ports-import-kernel': 'ports import only the kernel',
  'adapter-bounds': 'an adapter imports only ports, the kernel and its own folder',
  'simulator-bounds': 'a simulator imports only the kernel and simulators',
  'module-door-only': "a module reaches another module only through its door (that module's service.ts)",
  'module-edge-table': 'a module imports another module only along the table of allowed module edges',
  'module-bounds': 'a module imports only its own files, kernel, db, http, ports and allowed doors',
  'flow-bounds':
    "a flow imports only modules' doors, ports, kernel, db, http, other flows and read models (the views its routes answer with)",
  'read-bounds': "a read model imports only modules' doors, kernel, db, http and other read models",
  'root-bounds':
    "a composition root imports modules' service.ts / routes.ts / *-routes.ts, flows, read, adapters, ports, kernel, db, http and other roots",
  'no-simulator-in-production': `production code never imports a simulator (only ${EMBEDDED_STARTER} does)`,
  'embedded-starter-dynamic-only': `${EMBEDDED_STARTER} is loaded only with import() from ${EMBEDDED_STARTER_LOADERS.join(' or ')}`,
  'file-outside-areas': 'every file in src/ belongs to an area (add new top-level files to the table)',
};

/**
 * @typedef {'static' | 'type' | 'dynamic'} ImportKind
 *   static: `import … from` / `export … from`; type: erased at run time (`import type`, `typeof import()`);
 *   dynamic: `import()`.
 * @typedef {{ kind: 'kernel' | 'db' | 'http' | 'ports' | 'flows' | 'read' | 'root' | 'starter' | 'drizzle-schema' | 'outside' }
 *   | { kind: 'module', name: string, rest: string }
 *   | { kind: 'adapter', name: string }
 *   | { kind: 'simulator', name: string }} Area
 * @typedef {{ rule: string, message: string }} Verdict
 */

/**
 * The area of a repository-relative path (`src/modules/orders/state.ts`).
 * @param {string} file
 * @returns {Area}
 */
export function areaOf(file) {
  if (file === DRIZZLE_KIT_SCHEMA) return { kind: 'drizzle-schema' };
  if (file === EMBEDDED_STARTER) return { kind: 'starter' };
  if (COMPOSITION_ROOTS.includes(file)) return { kind: 'root' };
  const [top, first, name, ...rest] = file.split('/');
  if (top !== 'src') return { kind: 'outside' };
  if (first === 'modules' && name && rest.length > 0) return { kind: 'module', name, rest: rest.join('/') };
  if (first === 'adapters' && name && rest.length > 0) return { kind: 'adapter', name };
  if (first === 'simulators' && name) return { kind: 'simulator', name };
  for (const kind of /** @type {const} */ (['kernel', 'db', 'http', 'ports', 'flows', 'read'])) {
    if (first === kind && name) return { kind };
  }
  return { kind: 'outside' };
}

/**
 * Whether `from` may use `to`'s door (both module names, `from !== to`).
 * @param {string} from
 * @param {string} to
 */
export function moduleEdgeAllowed(from, to) {
  if (MODULE_EDGES[from]?.includes(to)) return true;
  return PLATFORM_MODULES.includes(to) && !PLATFORM_MODULES.includes(from);
}

/** @param {Area} area */
const isDoor = (area) => area.kind === 'module' && area.rest === 'service.ts';

/** @param {Area} area */
const isRouteFile = (area) => area.kind === 'module' && /^(?:[a-z0-9-]+-)?routes\.ts$/.test(area.rest);

/**
 * @param {Area} area
 * @param {readonly string[]} kinds
 */
const isIn = (area, kinds) => kinds.includes(area.kind);

/**
 * The rule the edge `from → to` breaks, or undefined when it is allowed. Both are repository-relative paths of
 * files under src/; edges to files outside src/ are not this table's business.
 * @param {string} from
 * @param {string} to
 * @param {ImportKind} kind
 * @returns {Verdict | undefined}
 */
export function verdictOf(from, to, kind) {
  const source = areaOf(from);
  const target = areaOf(to);
  const broken = brokenRule(from, source, to, target, kind);
  return broken === undefined ? undefined : { rule: broken, message: RULES[broken] ?? broken };
}

/**
 * @param {string} from
 * @param {Area} source
 * @param {string} to
 * @param {Area} target
 * @param {ImportKind} kind
 * @returns {string | undefined}
 */
function brokenRule(from, source, to, target, kind) {
  if (!to.startsWith('src/')) return undefined;
  if (source.kind === 'outside' || target.kind === 'outside') return 'file-outside-areas';
  if (target.kind === 'drizzle-schema') return 'schema-for-drizzle-kit';
  if (target.kind === 'simulator' && source.kind !== 'simulator' && source.kind !== 'starter') {
    return 'no-simulator-in-production';
  }
  if (target.kind === 'starter') {
    return kind === 'dynamic' && EMBEDDED_STARTER_LOADERS.includes(from)
      ? undefined
      : 'embedded-starter-dynamic-only';
  }
  switch (source.kind) {
    case 'kernel':
      return isIn(target, ['kernel', 'db']) ? undefined : 'kernel-imports-kernel';
    case 'db':
    case 'http':
      return isIn(target, ['kernel', 'db', 'http']) ? undefined : 'platform-below-modules';
    case 'drizzle-schema':
      return /(?:^|\/)schema\.ts$/.test(to) && isIn(target, ['kernel', 'module'])
        ? undefined
        : 'schema-for-drizzle-kit';
    case 'ports':
      return target.kind === 'kernel' ? undefined : 'ports-import-kernel';
    case 'adapter': {
      const own = target.kind === 'adapter' && target.name === source.name;
      return own || isIn(target, ['ports', 'kernel']) ? undefined : 'adapter-bounds';
    }
    case 'simulator':
      return isIn(target, ['simulator', 'kernel']) ? undefined : 'simulator-bounds';
    case 'module':
      return moduleRule(source.name, target);
    case 'flows':
      return isDoor(target) || isIn(target, ['flows', 'read', 'ports', 'kernel', 'db', 'http'])
        ? undefined
        : 'flow-bounds';
    case 'read':
      return isDoor(target) || isIn(target, ['read', 'kernel', 'db', 'http']) ? undefined : 'read-bounds';
    case 'root':
      return rootRule(target);
    case 'starter':
      return target.kind === 'simulator' ? undefined : rootRule(target);
    default:
      return 'file-outside-areas';
  }
}

/**
 * @param {string} name the importing module
 * @param {Area} target
 * @returns {string | undefined}
 */
function moduleRule(name, target) {
  if (target.kind !== 'module')
    return isIn(target, ['kernel', 'db', 'http', 'ports']) ? undefined : 'module-bounds';
  if (target.name === name) return undefined;
  if (!isDoor(target)) return 'module-door-only';
  return moduleEdgeAllowed(name, target.name) ? undefined : 'module-edge-table';
}

/**
 * @param {Area} target
 * @returns {string | undefined}
 */
function rootRule(target) {
  if (target.kind === 'module') return isDoor(target) || isRouteFile(target) ? undefined : 'root-bounds';
  const allowed = ['root', 'flows', 'read', 'adapter', 'ports', 'kernel', 'db', 'http'];
  return isIn(target, allowed) ? undefined : 'root-bounds';
}

/**
 * The repository-relative file a relative specifier names (`../db/index.js` → `src/db/index.ts`), or undefined
 * for a package. Sources import TypeScript files by their `.js` name (NodeNext resolution).
 * @param {string} from repository-relative importing file
 * @param {string} specifier
 * @returns {string | undefined}
 */
export function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return joined.replace(/\.js$/, '.ts');
}

/**
 * The text a known violation is listed with.
 * @param {string} from
 * @param {string} to
 */
export const edgeKey = (from, to) => `${from} -> ${to}`;
