// The import graph of src/ (production files, not *.test.ts) and what the rules in rules.js say about it; used by
// test/architecture.test.ts and check.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { areaOf, edgeKey, resolveImport, verdictOf, type ImportKind } from './rules.js';

export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ImportEdge {
  /** Repository-relative paths, `src/…/x.ts`. */
  from: string;
  to: string;
  kind: ImportKind;
  /** 1-based line of the import in `from`. */
  line: number;
}

export interface Violation {
  from: string;
  to: string;
  rule: string;
  message: string;
  line: number;
}

/** Every production TypeScript file under `src/`, repository-relative, sorted. */
export function productionFiles(root = REPOSITORY_ROOT): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(path.join(root, directory), { withFileTypes: true })) {
      const relative = `${directory}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (relative.endsWith('.ts') && !relative.endsWith('.test.ts') && !relative.endsWith('.d.ts'))
        files.push(relative);
    }
  };
  walk('src');
  return files.sort();
}

/** The imports of one file's source text: static, type-only (erased) and dynamic `import('…')` with a literal. */
export function importsOf(
  file: string,
  text: string,
): { specifier: string; kind: ImportKind; line: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; kind: ImportKind; line: number }[] = [];
  const add = (literal: ts.Node, kind: ImportKind) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
    found.push({ specifier: literal.text, kind, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'type' : 'static');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly ? 'type' : 'static');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument) add(argument, 'dynamic');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, 'type');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The edges between files of src/ (imports of packages left out), in file and line order. */
export function importGraph(root = REPOSITORY_ROOT): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of productionFiles(root)) {
    const text = fs.readFileSync(path.join(root, from), 'utf8');
    for (const { specifier, kind, line } of importsOf(from, text)) {
      const to = resolveImport(from, specifier);
      if (to !== undefined) edges.push({ from, to, kind, line });
    }
  }
  return edges;
}

/** Each edge that breaks a rule, once per `from → to` pair (at its first import). */
export function violationsOf(edges: readonly ImportEdge[]): Violation[] {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const edge of edges) {
    const verdict = verdictOf(edge.from, edge.to, edge.kind);
    const key = edgeKey(edge.from, edge.to);
    if (verdict === undefined || seen.has(key)) continue;
    seen.add(key);
    violations.push({ from: edge.from, to: edge.to, line: edge.line, ...verdict });
  }
  return violations;
}

/** Files that are not in src/ at all, though imported from it (a typo, or a file outside the tree). */
export function missingTargets(edges: readonly ImportEdge[], files: readonly string[]): ImportEdge[] {
  const present = new Set(files);
  return edges.filter((edge) => edge.to.startsWith('src/') && !present.has(edge.to));
}

/** The module → module graph of the given edges (an edge per pair of distinct modules). */
export function moduleGraph(edges: readonly ImportEdge[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const edge of edges) {
    const from = areaOf(edge.from);
    const to = areaOf(edge.to);
    if (from.kind !== 'module' || to.kind !== 'module' || from.name === to.name) continue;
    let targets = graph.get(from.name);
    if (!targets) graph.set(from.name, (targets = new Set()));
    targets.add(to.name);
  }
  return graph;
}

/** One cycle of the graph as its node list (first node repeated at the end), or undefined when it has none. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, 'open');
    trail.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Every file `entry` can load, statically, with `import()` or for its types, with the path from `entry` to each;
 * `except` is a file not followed (the embedded starter, the one door to the simulators that only `start` takes).
 */
export function reachableFrom(
  edges: readonly ImportEdge[],
  entry: string,
  except?: string,
): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const trail = reached.get(file) ?? [file];
    for (const edge of edges) {
      if (edge.from !== file || edge.to === except || reached.has(edge.to)) continue;
      reached.set(edge.to, [...trail, edge.to]);
      queue.push(edge.to);
    }
  }
  return reached;
}
