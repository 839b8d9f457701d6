// The architecture rules on the command line.
//   node --import tsx scripts/architecture/check.ts                     the differences from the baseline; exit 1 if any
//   node --import tsx scripts/architecture/check.ts --print-violations  today's violations as known-violations.js
//     (after a refactor lands: `… --print-violations > scripts/architecture/known-violations.js`; the list may
//     only shrink, which the architecture test holds)
import { importGraph, violationsOf, type Violation } from './graph.js';
import { edgeKey, RULES } from './rules.js';

function knownViolationsFile(violations: readonly Violation[]): string {
  const lines = [
    '// Edges of src/ that break scripts/architecture/rules.js today, grouped by rule. The list may only shrink:',
    '// test/architecture.test.ts fails on a violation not listed here and on a listed edge that no longer breaks a rule.',
    '// Regenerate with `node --import tsx scripts/architecture/check.ts --print-violations > scripts/architecture/known-violations.js`.',
    '/** @type {readonly string[]} */',
    'export const KNOWN_VIOLATIONS = [',
  ];
  for (const rule of Object.keys(RULES)) {
    const edges = violations.filter((violation) => violation.rule === rule);
    if (edges.length === 0) continue;
    lines.push(`  // ${rule}: ${RULES[rule]} (${edges.length})`);
    for (const edge of edges) lines.push(`  '${edgeKey(edge.from, edge.to)}',`);
  }
  lines.push('];', '');
  return lines.join('\n');
}

const violations = violationsOf(importGraph());
if (process.argv.includes('--print-violations')) {
  process.stdout.write(knownViolationsFile(violations));
} else {
  // Loaded here only: `--print-violations > known-violations.js` empties the file before this script reads it.
  const { KNOWN_VIOLATIONS } = await import('./known-violations.js');
  const known = new Set(KNOWN_VIOLATIONS);
  const current = new Set(violations.map((violation) => edgeKey(violation.from, violation.to)));
  const added = violations.filter((violation) => !known.has(edgeKey(violation.from, violation.to)));
  const gone = KNOWN_VIOLATIONS.filter((key) => !current.has(key));
  for (const violation of added)
    process.stdout.write(
      `new: ${violation.from}:${violation.line} -> ${violation.to} (${violation.message})\n`,
    );
  for (const key of gone) process.stdout.write(`fixed, delete from known-violations.js: ${key}\n`);
  process.stdout.write(`${violations.length} violations, ${KNOWN_VIOLATIONS.length} known\n`);
  process.exitCode = added.length + gone.length === 0 ? 0 : 1;
}
