import type { Db } from '../db/index.js';
import { parseE164 } from '../kernel/phone.js';
import { describeOperators } from '../modules/catalog/service.js';
import { customerIdsMatching } from '../modules/identity/service.js';
import { linesOfCustomers, linesWithNumber, type LineRow } from '../modules/lines/service.js';

/**
 * The console's line search: a phone number finds the lines with it; anything else finds customers (identity)
 * and lists their lines, removed ones too. Each line comes with its operator's name (catalog).
 */

export interface FoundLine {
  line: LineRow;
  operatorName: string | null;
}

export async function searchLines(db: Db, query: string): Promise<FoundLine[]> {
  const phone = parseE164(query.replace(/[\s()-]/g, ''));
  const rows = phone
    ? await linesWithNumber(db, phone)
    : await linesOfCustomers(db, await customerIdsMatching(db, query));
  const operators = await describeOperators(
    db,
    rows.flatMap((row) => (row.operatorId ? [row.operatorId] : [])),
  );
  return rows.map((line) => ({
    line,
    operatorName: line.operatorId ? (operators.get(line.operatorId)?.operator.name ?? null) : null,
  }));
}
