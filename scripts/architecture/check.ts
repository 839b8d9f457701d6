// The architecture rules on the command line: every import edge of src/ that breaks one, with the rule it
// breaks; exit 1 if any. `node --import tsx scripts/architecture/check.ts`
import { importGraph, violationsOf } from './graph.js';

const violations = violationsOf(importGraph());
for (const violation of violations) {
  process.stdout.write(
    `${violation.from}:${violation.line} -> ${violation.to} (${violation.rule}: ${violation.message})\n`,
  );
}
process.stdout.write(`${violations.length} violations\n`);
process.exitCode = violations.length === 0 ? 0 : 1;
