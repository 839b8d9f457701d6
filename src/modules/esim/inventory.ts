import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { parseIccid } from '../../kernel/identifiers.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import { INVENTORY_STATES, inventory } from './schema.js';

/**
 * The operator's SM-DP+ profiles SimFill may hand out: imported from the SM-DP+'s export (`iccid,profileType`),
 * one taken (`FOR UPDATE SKIP LOCKED`) for each new SM-DP+ eSIM before its first DownloadOrder, so every retry
 * names the same ICCID and two workers never take the same profile. The pool must be dedicated to SimFill: a
 * profile another channel of the operator also hands out could be taken twice.
 */

/** At most this many lines in one import (a CSV body or file); bigger exports are imported in parts. */
export const INVENTORY_IMPORT_LINES_MAX = 100_000;
/** Profile types are the SM-DP+'s names: letters, digits and `._-`, as in its export. */
const PROFILE_TYPE = /^[A-Za-z0-9._-]{1,64}$/;
const INSERT_BATCH = 500;
const LINES_SHOWN_MAX = 20;

export interface InventoryLineError {
  /** 1-based, as an editor shows it. */
  line: number;
  reason: 'columns' | 'iccid_invalid' | 'profile_type_invalid' | 'profile_type_conflict';
  text: string;
}

export interface InventoryImportResult {
  /** Profiles new to the pool. */
  added: number;
  /** Lines naming a profile already in the pool (an import repeated is a no-op). */
  duplicates: number;
  /** Lines refused, by line number; when any, nothing was imported. */
  errors: InventoryLineError[];
}

/** Reads `iccid,profileType` lines (a header line and blank lines allowed; an `F` pad on the ICCID dropped). */
function parseInventoryCsv(csvText: string): {
  rows: Map<string, { profileType: string; line: number }>;
  errors: InventoryLineError[];
  repeated: number;
} {
  const rows = new Map<string, { profileType: string; line: number }>();
  const errors: InventoryLineError[] = [];
  let repeated = 0;
  const lines = csvText.split(/\r?\n/);
  if (lines.length > INVENTORY_IMPORT_LINES_MAX) throw new RangeError('too many lines');
  lines.forEach((raw, index) => {
    const text = raw.trim();
    const line = index + 1;
    if (text === '' || /^iccid\s*,/i.test(text)) return;
    const parts = text.split(',').map((part) => part.trim());
    if (parts.length < 2 || parts.length > 3) return errors.push({ line, reason: 'columns', text });
    const iccid = parseIccid(parts[0]!.replace(/F$/i, ''));
    if (!iccid) return errors.push({ line, reason: 'iccid_invalid', text });
    const profileType = parts[1]!;
    if (!PROFILE_TYPE.test(profileType)) return errors.push({ line, reason: 'profile_type_invalid', text });
    const seen = rows.get(iccid);
    if (seen && seen.profileType !== profileType)
      return errors.push({ line, reason: 'profile_type_conflict', text });
    if (seen) repeated += 1;
    else rows.set(iccid, { profileType, line });
  });
  return { rows, errors, repeated };
}

/**
 * Adds the CSV's profiles to the pool as `available`, in one transaction: a profile already there is left as it
 * is (whatever its state), a bad line refuses the whole import with every bad line named. The SM-DP+ simulator's
 * third column (its owner) is allowed and ignored, so its export imports as it is.
 */
export async function importInventory(db: Db, clock: Clock, csvText: string): Promise<InventoryImportResult> {
  const { rows, errors, repeated } = parseInventoryCsv(csvText);
  if (errors.length > 0) return { added: 0, duplicates: 0, errors };
  const now = clock.now();
  return db.transaction(async (tx) => {
    const existing = new Map<string, string>();
    const iccids = [...rows.keys()];
    for (let start = 0; start < iccids.length; start += INSERT_BATCH) {
      const batch = iccids.slice(start, start + INSERT_BATCH);
      const found = await tx
        .select({ iccid: inventory.iccid, profileType: inventory.profileType })
        .from(inventory)
        .where(inArray(inventory.iccid, batch));
      for (const row of found) existing.set(row.iccid, row.profileType);
    }
    const conflicts: InventoryLineError[] = [];
    for (const [iccid, { profileType, line }] of rows) {
      const known = existing.get(iccid);
      if (known !== undefined && known !== profileType) {
        conflicts.push({ line, reason: 'profile_type_conflict', text: `${iccid},${profileType}` });
      }
    }
    if (conflicts.length > 0) return { added: 0, duplicates: 0, errors: conflicts };
    const fresh = [...rows].filter(([iccid]) => !existing.has(iccid));
    let added = 0;
    for (let start = 0; start < fresh.length; start += INSERT_BATCH) {
      const inserted = await tx
        .insert(inventory)
        .values(
          fresh.slice(start, start + INSERT_BATCH).map(([iccid, { profileType }]) => ({
            iccid,
            profileType,
            state: 'available' as const,
            importedAt: now,
            updatedAt: now,
          })),
        )
        .onConflictDoNothing({ target: inventory.iccid })
        .returning({ iccid: inventory.iccid });
      added += inserted.length;
    }
    return { added, duplicates: rows.size - added + repeated, errors: [] };
  });
}

/**
 * Takes one `available` profile of `profileType` for `esimOrderId` (the lowest ICCID, skipping rows another
 * transaction holds) and marks it assigned; the one already assigned to that order when there is one, so a
 * repeated reservation takes no second profile. Undefined when the pool has none left.
 */
export async function reserveInventoryProfile(
  tx: Tx,
  clock: Clock,
  input: { profileType: string; esimOrderId: string },
): Promise<string | undefined> {
  const [already] = await tx
    .select({ iccid: inventory.iccid })
    .from(inventory)
    .where(eq(inventory.esimOrderId, input.esimOrderId));
  if (already) return already.iccid;
  const [free] = await tx
    .select({ iccid: inventory.iccid })
    .from(inventory)
    .where(and(eq(inventory.profileType, input.profileType), eq(inventory.state, 'available')))
    .orderBy(asc(inventory.iccid))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!free) return undefined;
  await tx
    .update(inventory)
    .set({ state: 'assigned', esimOrderId: input.esimOrderId, updatedAt: clock.now() })
    .where(eq(inventory.iccid, free.iccid));
  return free.iccid;
}

/**
 * Gives back the profile reserved for `esimOrderId` after its order failed: `available` clears the order (it may be
 * handed out again), `unavailable` keeps it there (why it is out of the pool). No profile reserved: nothing to do.
 */
export async function returnInventoryProfile(
  tx: Tx,
  clock: Clock,
  input: { esimOrderId: string; state: 'available' | 'unavailable' },
): Promise<void> {
  await tx
    .update(inventory)
    .set({
      state: input.state,
      esimOrderId: input.state === 'available' ? null : input.esimOrderId,
      updatedAt: clock.now(),
    })
    .where(eq(inventory.esimOrderId, input.esimOrderId));
}

export interface InventoryCount {
  profileType: string;
  available: number;
  assigned: number;
  unavailable: number;
}

/** How many profiles of each type are in each state (the console's pool view). */
export async function inventoryCounts(db: Db | Tx): Promise<InventoryCount[]> {
  const rows = await db
    .select({
      profileType: inventory.profileType,
      state: inventory.state,
      count: sql<number>`count(*)::int`,
    })
    .from(inventory)
    .groupBy(inventory.profileType, inventory.state)
    .orderBy(asc(inventory.profileType));
  const byType = new Map<string, InventoryCount>();
  for (const row of rows) {
    const count = byType.get(row.profileType) ?? {
      profileType: row.profileType,
      ...(Object.fromEntries(INVENTORY_STATES.map((state) => [state, 0])) as Record<
        (typeof INVENTORY_STATES)[number],
        number
      >),
    };
    count[row.state] = row.count;
    byType.set(row.profileType, count);
  }
  return [...byType.values()];
}

const REASON_TEXT: Record<InventoryLineError['reason'], LocalizedText> = {
  columns: { 'zh-CN': '应为两列 iccid,profileType', en: 'two columns, iccid,profileType, expected' },
  iccid_invalid: { 'zh-CN': 'ICCID 无效（89 开头、19–20 位、校验位正确）', en: 'not a valid ICCID' },
  profile_type_invalid: {
    'zh-CN': '配置文件类型只能包含字母、数字和 ._-',
    en: 'the profile type may hold letters, digits and ._- only',
  },
  profile_type_conflict: {
    'zh-CN': '该 ICCID 已以另一种配置文件类型存在',
    en: 'this ICCID is already known with another profile type',
  },
};

/** "line 3 (not a valid ICCID); line 7 (…)", at most 20 named, in both languages. */
export function describeInventoryErrors(errors: InventoryLineError[]): LocalizedText {
  const shown = errors.slice(0, LINES_SHOWN_MAX);
  const more = errors.length - shown.length;
  const text = (locale: keyof LocalizedText, line: string, tail: string) =>
    shown.map((error) => `${line} ${error.line} (${REASON_TEXT[error.reason][locale]})`).join('; ') +
    (more > 0 ? tail.replace('{n}', String(more)) : '');
  return {
    en: text('en', 'line', '; and {n} more'),
    'zh-CN': text('zh-CN', '第', '；另有 {n} 行'),
  };
}
