// The architecture rules (scripts/architecture/rules.js) held against the import graph of src/: no exceptions.
// `node --import tsx scripts/architecture/check.ts` lists what breaks them, with the rule each edge breaks.
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import architecture from '../scripts/architecture/eslint-plugin.js';
import {
  findCycle,
  importGraph,
  REPOSITORY_ROOT,
  importsOf,
  missingTargets,
  moduleGraph,
  productionFiles,
  reachableFrom,
  violationsOf,
  type ImportEdge,
  type Violation,
} from '../scripts/architecture/graph.js';
import {
  areaOf,
  EMBEDDED_STARTER,
  MODULE_EDGES,
  moduleEdgeAllowed,
  ORDER_PATH_MODULES,
  PLATFORM_MODULES,
  RULES,
} from '../scripts/architecture/rules.js';

const files = productionFiles();
const edges = importGraph();
const violations = violationsOf(edges);
const describeViolation = (violation: Violation) =>
  `${violation.from}:${violation.line} -> ${violation.to} breaks ${violation.rule}: ${violation.message}`;

/** The violations of the given rules, one readable line each (an empty list passes). */
const broken = (...rules: string[]) =>
  violations.filter((violation) => rules.includes(violation.rule)).map(describeViolation);

/** The behaviours below, and the rules each one holds: together they hold every rule. */
const BEHAVIOURS: [string, string[]][] = [
  ['every file in src/ belongs to an area', ['file-outside-areas']],
  ['a module reaches another module only through its door', ['module-door-only']],
  ['a module uses another module only along the table of module edges', ['module-edge-table']],
  ['a module imports nothing but its own files, kernel, db, http, ports and doors', ['module-bounds']],
  [
    'the kernel imports only the kernel and db; db and http only what lies below modules',
    ['kernel-imports-kernel', 'platform-below-modules'],
  ],
  ['nothing in src/ imports the drizzle-kit schema', ['schema-for-drizzle-kit']],
  [
    'ports, adapters and simulators stay in their lanes',
    ['ports-import-kernel', 'adapter-bounds', 'simulator-bounds'],
  ],
  ['flows and read models reach modules only through their doors', ['flow-bounds', 'read-bounds']],
  ['composition roots wire modules only through their doors and routes', ['root-bounds']],
  [
    'production code never imports a simulator, except the embedded starter loaded with import()',
    ['no-simulator-in-production', 'embedded-starter-dynamic-only'],
  ],
];

describe('the architecture of src/', () => {
  it('reads every production file and every import names a file that exists', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(missingTargets(edges, files).map((edge) => `${edge.from}:${edge.line} -> ${edge.to}`)).toEqual([]);
    expect(files.filter((file) => areaOf(file).kind === 'outside')).toEqual([]);
  });

  for (const [behaviour, rules] of BEHAVIOURS) {
    it(behaviour, () => {
      expect(broken(...rules)).toEqual([]);
    });
  }

  it('has a behaviour above for every rule', () => {
    expect(BEHAVIOURS.flatMap(([, rules]) => rules).sort()).toEqual(Object.keys(RULES).sort());
  });

  it('modules form no cycle', () => {
    expect(findCycle(moduleGraph(edges)), 'a cycle of modules').toBeUndefined();
  });

  it('the table of module edges has no cycle, and the order-path modules use none of one another but catalog', () => {
    const modules = [
      ...new Set(
        files.flatMap((file) => {
          const area = areaOf(file);
          return area.kind === 'module' ? [area.name] : [];
        }),
      ),
    ];
    expect(modules).toEqual(
      expect.arrayContaining([...PLATFORM_MODULES, ...ORDER_PATH_MODULES, ...Object.keys(MODULE_EDGES)]),
    );
    const table = new Map(
      modules.map((from) => [
        from,
        new Set(modules.filter((to) => to !== from && moduleEdgeAllowed(from, to))),
      ]),
    );
    expect(findCycle(table)).toBeUndefined();
    const orderPathEdges = ORDER_PATH_MODULES.flatMap((from) =>
      ORDER_PATH_MODULES.filter((to) => to !== from && moduleEdgeAllowed(from, to)).map(
        (to) => `${from} -> ${to}`,
      ),
    );
    expect(orderPathEdges).toEqual(['lines -> catalog']);
  });

  it('the kernel knows no module, not even through the types of the database', () => {
    const reached = files
      .filter((file) => areaOf(file).kind === 'kernel')
      .flatMap((file) => [...reachableFrom(edges, file).values()])
      .filter((trail) => areaOf(trail.at(-1) ?? '').kind === 'module')
      .map((trail) => trail.join(' -> '));
    expect(reached).toEqual([]);
  });

  it('serve and worker load no simulator code', () => {
    const loaded = [...reachableFrom(edges, 'src/cli.ts', EMBEDDED_STARTER).values()]
      .filter((trail) => areaOf(trail.at(-1) ?? '').kind === 'simulator')
      .map((trail) => trail.join(' -> '));
    expect(loaded).toEqual([]);
    // … while `simfill start` still reaches them, through the starter alone (its rule says who may load it, how).
    const starts = edges.filter((edge) => edge.to === EMBEDDED_STARTER && edge.kind === 'dynamic');
    expect(starts.map((edge) => edge.from)).not.toEqual([]);
  });
});

describe('the architecture check itself', () => {
  const edge = (from: string, to: string, kind: ImportEdge['kind'] = 'static'): ImportEdge => ({
    from,
    to,
    kind,
    line: 1,
  });
  const ruleOf = (from: string, to: string, kind?: ImportEdge['kind']) =>
    violationsOf([edge(from, to, kind)])[0]?.rule;

  it('finds static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export * from './c.js';",
      "export type { D } from './d.js';",
      "const e = await import('./e.js');",
      "type F = typeof import('./f.js');",
      "import fs from 'node:fs';",
    ].join('\n');
    expect(
      importsOf('src/x/y.ts', text).map(({ specifier, kind, line }) => `${line} ${kind} ${specifier}`),
    ).toEqual([
      '1 static ./a.js',
      '2 type ../b.js',
      '3 static ./c.js',
      '4 type ./d.js',
      '5 dynamic ./e.js',
      '6 type ./f.js',
      '7 static node:fs',
    ]);
  });

  it('can fail every rule', () => {
    const cases: [string, string, ImportEdge['kind'], string][] = [
      ['src/stray.ts', 'src/kernel/ids.ts', 'static', 'file-outside-areas'],
      ['src/kernel/jobs.ts', 'src/http/openapi.ts', 'static', 'kernel-imports-kernel'],
      ['src/kernel/jobs.ts', 'src/modules/orders/service.ts', 'type', 'kernel-imports-kernel'],
      ['src/db/index.ts', 'src/modules/orders/schema.ts', 'type', 'platform-below-modules'],
      ['src/db/index.ts', 'src/db/schema.ts', 'static', 'schema-for-drizzle-kit'],
      ['src/db/schema.ts', 'src/modules/orders/state.ts', 'static', 'schema-for-drizzle-kit'],
      ['src/ports/payments.ts', 'src/db/index.ts', 'static', 'ports-import-kernel'],
      ['src/adapters/stripe/provider.ts', 'src/adapters/paypal/provider.ts', 'static', 'adapter-bounds'],
      ['src/simulators/stripe/server.ts', 'src/adapters/stripe/provider.ts', 'static', 'simulator-bounds'],
      ['src/modules/payments/attempts.ts', 'src/modules/orders/schema.ts', 'static', 'module-door-only'],
      ['src/modules/orders/service.ts', 'src/modules/payments/service.ts', 'static', 'module-edge-table'],
      ['src/modules/admin/service.ts', 'src/modules/identity/service.ts', 'static', 'module-edge-table'],
      ['src/modules/orders/service.ts', 'src/flows/checkout/pay.ts', 'static', 'module-bounds'],
      ['src/flows/checkout/pay.ts', 'src/modules/orders/state.ts', 'static', 'flow-bounds'],
      ['src/read/orders.ts', 'src/flows/checkout/pay.ts', 'static', 'read-bounds'],
      ['src/runtime.ts', 'src/modules/notifications/mailer.ts', 'static', 'root-bounds'],
      ['src/runtime.ts', 'src/simulators/fx/server.ts', 'dynamic', 'no-simulator-in-production'],
      ['src/runtime.ts', EMBEDDED_STARTER, 'static', 'embedded-starter-dynamic-only'],
      ['src/app.ts', EMBEDDED_STARTER, 'dynamic', 'embedded-starter-dynamic-only'],
    ];
    expect(cases.map(([from, to, kind]) => ruleOf(from, to, kind))).toEqual(
      cases.map(([, , , rule]) => rule),
    );
    expect(new Set(cases.map(([, , , rule]) => rule))).toEqual(new Set(Object.keys(RULES)));
  });

  it('lets the allowed edges through', () => {
    const allowed: [string, string, ImportEdge['kind']][] = [
      ['src/modules/lines/service.ts', 'src/modules/catalog/service.ts', 'static'],
      ['src/modules/orders/service.ts', 'src/modules/identity/service.ts', 'static'],
      ['src/modules/identity/service.ts', 'src/modules/admin/service.ts', 'static'],
      ['src/flows/checkout/pay.ts', 'src/modules/payments/service.ts', 'static'],
      ['src/app.ts', 'src/modules/payments/admin-routes.ts', 'static'],
      ['src/runtime.ts', EMBEDDED_STARTER, 'dynamic'],
      [EMBEDDED_STARTER, 'src/simulators/stripe/server.ts', 'static'],
      ['src/db/schema.ts', 'src/modules/orders/schema.ts', 'static'],
    ];
    expect(allowed.map(([from, to, kind]) => ruleOf(from, to, kind))).toEqual(allowed.map(() => undefined));
  });

  it('finds a cycle of modules, what a kernel file reaches and what serve would load', () => {
    const synthetic = [
      edge('src/modules/orders/service.ts', 'src/modules/payments/service.ts'),
      edge('src/modules/payments/attempts.ts', 'src/modules/orders/service.ts'),
      edge('src/kernel/jobs.ts', 'src/db/index.ts', 'type'),
      edge('src/db/index.ts', 'src/db/schema.ts'),
      edge('src/db/schema.ts', 'src/modules/orders/schema.ts'),
      edge('src/cli.ts', 'src/runtime.ts', 'dynamic'),
      edge('src/runtime.ts', EMBEDDED_STARTER, 'dynamic'),
      edge(EMBEDDED_STARTER, 'src/simulators/fx/server.ts'),
      edge('src/runtime.ts', 'src/simulators/stripe/server.ts'),
    ];
    expect(findCycle(moduleGraph(synthetic))).toEqual(['orders', 'payments', 'orders']);
    expect(reachableFrom(synthetic, 'src/kernel/jobs.ts').get('src/modules/orders/schema.ts')).toEqual([
      'src/kernel/jobs.ts',
      'src/db/index.ts',
      'src/db/schema.ts',
      'src/modules/orders/schema.ts',
    ]);
    const served = reachableFrom(synthetic, 'src/cli.ts', EMBEDDED_STARTER);
    expect([...served.keys()].filter((file) => file.startsWith('src/simulators/'))).toEqual([
      'src/simulators/stripe/server.ts',
    ]);
  });
});

describe('the lint rule', () => {
  RuleTester.describe = describe;
  RuleTester.it = it;
  RuleTester.itOnly = it.only;
  const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
  const inPayments = path.join(REPOSITORY_ROOT, 'src/modules/payments/refund-rules.ts');
  const forbidden = (code: string, to: string, rule: string) => ({
    code,
    filename: inPayments,
    errors: [
      {
        messageId: 'forbidden',
        data: { from: 'src/modules/payments/refund-rules.ts', to, rule, message: RULES[rule] },
      },
    ],
  });
  tester.run('imports-follow-the-rules', architecture.rules['imports-follow-the-rules'], {
    valid: [
      { code: "import { a } from './attempts.js';", filename: inPayments },
      { code: "import { b } from '../identity/service.js';", filename: inPayments },
      { code: "import { c } from 'drizzle-orm';", filename: inPayments },
    ],
    invalid: [
      forbidden(
        "import { a } from '../orders/schema.js';",
        'src/modules/orders/schema.ts',
        'module-door-only',
      ),
      forbidden(
        "import type { B } from '../orders/service.js';",
        'src/modules/orders/service.ts',
        'module-edge-table',
      ),
      forbidden(
        "export * from '../../simulators/fx/server.js';",
        'src/simulators/fx/server.ts',
        'no-simulator-in-production',
      ),
      forbidden(
        "const c = await import('../../embedded-simulators.js');",
        EMBEDDED_STARTER,
        'embedded-starter-dynamic-only',
      ),
      forbidden(
        "type D = typeof import('../../db/schema.js');",
        'src/db/schema.ts',
        'schema-for-drizzle-kit',
      ),
    ],
  });
});
