// Trims a provider's published OpenAPI description to the operations SimFill calls and the closure of their
// $refs, and writes it to test/contracts/specs/<provider>/ with a SOURCE.md saying where it came from.
//
//   node --import tsx scripts/contracts/trim-openapi.ts <stripe|paypal|reloadly> <git dir> [commit]
//
// <git dir> is a clone (or bare mirror) of the provider's spec repository; the commit defaults to the one
// pinned below, so a re-run reproduces the committed files byte for byte, and a new commit moves them on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { SPEC_SOURCES, type SpecFile, type SpecSource } from '../../test/contracts/sources.js';

type Json = Record<string, unknown>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function gitShow(gitDir: string, commit: string, file: string): string {
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

const parse = (text: string, file: string): unknown =>
  file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 });

/** Inlines `$ref`s to other files (Reloadly's spec is one YAML per path and per schema), relative to `file`. */
function bundle(node: unknown, file: string, read: (file: string) => unknown, depth = 0): unknown {
  if (depth > 64) throw new Error(`$ref chain too deep at ${file}`);
  if (Array.isArray(node)) return node.map((item) => bundle(item, file, read, depth));
  if (!node || typeof node !== 'object') return node;
  const object = node as Json;
  const ref = object.$ref;
  if (typeof ref === 'string' && !ref.startsWith('#')) {
    const [target, pointer] = ref.trim().split('#');
    const targetFile = path.posix.normalize(path.posix.join(path.posix.dirname(file), target!));
    let content = read(targetFile);
    if (pointer) content = resolvePointer(content, pointer);
    const siblings = Object.fromEntries(Object.entries(object).filter(([key]) => key !== '$ref'));
    const inlined = bundle(content, targetFile, read, depth + 1) as Json;
    return Object.keys(siblings).length
      ? { ...inlined, ...(bundle(siblings, file, read, depth) as Json) }
      : inlined;
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, bundle(value, file, read, depth)]),
  );
}

function resolvePointer(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => {
      const next = (node as Json | undefined)?.[part];
      if (next === undefined) throw new Error(`no ${pointer}`);
      return next;
    }, document);
}

/** Drops prose (descriptions) and keeps everything a validator reads; `properties.description` stays. */
function stripProse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripProse);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Json)
      .filter(([key, value]) => !(key === 'description' && typeof value === 'string'))
      .filter(([key]) => key !== 'x-stripeBypassValidation' && key !== 'x-stripeOperations')
      .map(([key, value]) => [key, stripProse(value)]),
  );
}

/**
 * Stripe's expandable fields are `anyOf: [id string, $ref Resource]`. A resource SimFill never expands would
 * pull in most of Stripe's API; it is kept as an object of any shape (an unexpanded id is still checked).
 */
function trimExpansions(node: unknown, expanded: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => trimExpansions(item, expanded));
  if (!node || typeof node !== 'object') return node;
  const object = { ...(node as Json) };
  if (object['x-expansionResources'] && Array.isArray(object.anyOf)) {
    object.anyOf = (object.anyOf as Json[]).map((branch) => {
      const ref = typeof branch.$ref === 'string' ? branch.$ref.split('/').pop()! : undefined;
      return ref && !expanded.has(ref)
        ? { type: 'object', 'x-trimmed': `expandable ${ref}, never expanded` }
        : branch;
    });
    delete object['x-expansionResources'];
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, trimExpansions(value, expanded)]),
  );
}

function collectRefs(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((item) => collectRefs(item, found));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) found.add(value);
    else collectRefs(value, found);
  }
}

function trim(document: Json, spec: SpecFile): Json {
  const sourcePaths = document.paths as Record<string, Json>;
  const paths: Record<string, Json> = {};
  for (const [method, template] of spec.operations) {
    const item = sourcePaths[template];
    const operation = item?.[method];
    if (!operation) throw new Error(`${spec.path} has no ${method.toUpperCase()} ${template}`);
    const methods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);
    const shared = Object.fromEntries(Object.entries(item).filter(([key]) => !methods.has(key)));
    paths[template] = { ...shared, ...paths[template], [method]: operation };
  }
  const expanded = new Set(spec.expandedResources ?? []);
  let kept: Json = { paths: trimExpansions(paths, expanded) };
  const components = (document.components ?? {}) as Record<string, Record<string, unknown>>;
  const wanted = new Set<string>((spec.schemas ?? []).map((name) => `#/components/schemas/${name}`));
  collectRefs(kept, wanted);
  const done = new Set<string>();
  const picked: Record<string, Record<string, unknown>> = {};
  while (done.size < wanted.size) {
    for (const ref of [...wanted]) {
      if (done.has(ref)) continue;
      done.add(ref);
      const [, , kind, name] = ref.split('/');
      const target = components[kind!]?.[name!];
      if (target === undefined) throw new Error(`${spec.path}: dangling ${ref}`);
      const trimmed = trimExpansions(target, expanded);
      (picked[kind!] ??= {})[name!] = trimmed;
      collectRefs(trimmed, wanted);
    }
  }
  const sortedComponents = Object.fromEntries(
    Object.entries(picked)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, entries]) => [
        kind,
        Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))),
      ]),
  );
  if (components.securitySchemes) sortedComponents.securitySchemes = components.securitySchemes;
  kept = {
    openapi: document.openapi,
    info: document.info,
    servers: document.servers,
    paths: kept.paths,
    components: sortedComponents,
  };
  return stripProse(kept) as Json;
}

function sourceNote(source: SpecSource, commit: string, date: string, outputs: string[]): string {
  const rows = source.files
    .map((file) => {
      const operations = file.operations.map(([method, template]) => `${method.toUpperCase()} ${template}`);
      return `| \`${file.path}\` | \`${file.output}\` | ${operations.join('<br>')} |`;
    })
    .join('\n');
  const expanded = source.files.flatMap((file) => file.expandedResources ?? []);
  const expansionNote = expanded.length
    ? `\n- Expandable fields keep their full schema only for the resources SimFill expands (${expanded.map((name) => `\`${name}\``).join(', ')}); any other expandable resource is an object of any shape (its unexpanded id is still checked).`
    : '';
  return `# ${source.title}: trimmed OpenAPI

Machine-generated by \`scripts/contracts/trim-openapi.ts ${source.provider} <git dir>\`; do not edit by hand.

- Repository: https://github.com/${source.repo}
- Commit: \`${commit}\` (${date})
- Licence: ${source.licence}
- Kept: the operations below and the closure of their \`$ref\`s${source.files.some((file) => file.schemas?.length) ? ' (plus the schemas named in `test/contracts/sources.ts` for webhook payloads)' : ''}; prose (\`description\`) removed.${expansionNote}${source.note ? `\n- ${source.note}` : ''}

| source file | trimmed copy | operations |
|---|---|---|
${rows}

Files: ${outputs.map((output) => `\`${output}\``).join(', ')}.
`;
}

function main(): void {
  const [provider, gitDir, commitArgument] = process.argv.slice(2);
  const source = SPEC_SOURCES.find((candidate) => candidate.provider === provider);
  if (!source || !gitDir) {
    console.error('usage: trim-openapi.ts <stripe|paypal|reloadly> <git dir> [commit]');
    process.exit(2);
  }
  const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', commitArgument ?? source.commit], {
    encoding: 'utf8',
  }).trim();
  const date = execFileSync('git', ['--git-dir', gitDir, 'log', '-1', '--format=%cI', commit], {
    encoding: 'utf8',
  }).trim();
  const cache = new Map<string, unknown>();
  const read = (file: string) => {
    if (!cache.has(file)) cache.set(file, parse(gitShow(gitDir, commit, file), file));
    return cache.get(file);
  };
  const outDir = path.join(root, 'test/contracts/specs', source.provider);
  fs.mkdirSync(outDir, { recursive: true });
  const outputs: string[] = [];
  for (const file of source.files) {
    const document = bundle(read(file.path), file.path, read) as Json;
    const trimmed = trim(document, file);
    fs.writeFileSync(path.join(outDir, file.output), `${JSON.stringify(trimmed, null, 1)}\n`);
    outputs.push(file.output);
  }
  fs.writeFileSync(path.join(outDir, 'SOURCE.md'), sourceNote(source, commit, date, outputs));
  process.stdout.write(
    `${source.provider}: ${outputs.join(', ')} from ${source.repo}@${commit.slice(0, 12)}\n`,
  );
}

main();
