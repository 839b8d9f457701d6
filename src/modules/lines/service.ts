import { and, asc, count, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, invalidParam, notFound } from '../../kernel/errors.js';
import { parseIccid } from '../../kernel/identifiers.js';
import { isId, newId } from '../../kernel/ids.js';
import { findOperator, getOperatorRow, type OperatorRow } from '../catalog/service.js';
import type { AirtimeProvider } from '../../ports/airtime.js';
import { parseRecipientNumber, type RecipientNumber } from './numbers.js';
import { lines, type LineRow } from './schema.js';

export { lineSchema, lineViews, operatorSchema, operatorView } from './views.js';
export type { LineRow } from './schema.js';

/**
 * Lines: the numbers a customer tops up. A number is checked (country code, valid, rechargeable, a country
 * SimFill sells in) before anything else, its operator looked up at the airtime provider and tied to the
 * catalog; the customer can correct it. Several lines per account, at most `MAX_LINES_PER_CUSTOMER`.
 *
 * The lines module's door: other modules, the flows and the read side import from here only (the API objects of
 * a line and its operator too, so every response that shows a line shows the same one).
 */

export const MAX_LINES_PER_CUSTOMER = 10;
const NICKNAME_MAX = 40;
const DEVICE_MAX = 60;

export interface LinesDeps {
  db: Db;
  clock: Clock;
  /** Undefined when no airtime provider is configured: numbers are checked, operators not detected. */
  airtime: AirtimeProvider | undefined;
  countries: readonly string[];
}

export interface NumberLookup {
  number: RecipientNumber;
  /** The catalog operator the provider says the number belongs to; undefined when it could not tell. */
  operator: OperatorRow | undefined;
}

/** Checks a number and asks the provider whose it is. A provider that cannot tell (or is down) is not an error. */
export async function lookUpNumber(deps: LinesDeps, input: string, param = 'phone'): Promise<NumberLookup> {
  const number = parseRecipientNumber(input, deps.countries, param);
  if (!deps.airtime) return { number, operator: undefined };
  const providerOperatorId = await deps.airtime
    .detectOperator(number.e164, number.countryIso)
    .catch(() => undefined);
  const operator = providerOperatorId
    ? await findOperator(deps.db, deps.airtime.name, providerOperatorId)
    : undefined;
  return { number, operator: operator?.active ? operator : undefined };
}

/** The operator a customer chose: an active airtime operator of the number's country. */
async function chosenOperator(db: DbOrTx, operatorId: string, countryIso: string): Promise<OperatorRow> {
  const operator = isId('operator', operatorId) ? await getOperatorRow(db, operatorId) : undefined;
  if (!operator || !operator.active || operator.countryIso !== countryIso || operator.kind !== 'airtime') {
    throw new AppError('operator_not_available', {
      param: 'operator',
      values: { operator: operatorId, country: countryIso },
    });
  }
  return operator;
}

function cleanText(value: string | null | undefined, param: string, maximum: number): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length > maximum) throw invalidParam(param, 'text_too_long', { maximum });
  return trimmed.length === 0 ? null : trimmed;
}

function cleanIccid(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const iccid = parseIccid(value);
  if (!iccid) {
    throw new AppError('iccid_invalid', { param: 'iccid' });
  }
  return iccid;
}

export interface AddLineInput {
  phone: string;
  nickname?: string | null | undefined;
  operator?: string | undefined;
  iccid?: string | null | undefined;
  device?: string | null | undefined;
}

export async function addLine(deps: LinesDeps, customerId: string, input: AddLineInput): Promise<LineRow> {
  const nickname = cleanText(input.nickname, 'nickname', NICKNAME_MAX);
  const device = cleanText(input.device, 'device', DEVICE_MAX);
  const iccid = cleanIccid(input.iccid);
  const lookup = input.operator
    ? { number: parseRecipientNumber(input.phone, deps.countries), operator: undefined }
    : await lookUpNumber(deps, input.phone);
  return deps.db.transaction(async (tx) => {
    const chosen = input.operator
      ? await chosenOperator(tx, input.operator, lookup.number.countryIso)
      : lookup.operator;
    const [existing] = await tx
      .select({ id: lines.id })
      .from(lines)
      .where(
        and(eq(lines.customerId, customerId), eq(lines.phone, lookup.number.e164), isNull(lines.removedAt)),
      );
    if (existing) {
      throw new AppError('line_exists', {
        param: 'phone',
        values: { line: existing.id, number: lookup.number.national },
      });
    }
    const [held] = await tx
      .select({ count: count() })
      .from(lines)
      .where(and(eq(lines.customerId, customerId), isNull(lines.removedAt)));
    if ((held?.count ?? 0) >= MAX_LINES_PER_CUSTOMER) {
      throw new AppError('line_limit_reached', { values: { maximum: MAX_LINES_PER_CUSTOMER } });
    }
    const now = deps.clock.now();
    const [row] = await tx
      .insert(lines)
      .values({
        id: newId('line'),
        customerId,
        phone: lookup.number.e164,
        countryIso: lookup.number.countryIso,
        nickname,
        operatorId: chosen?.id ?? null,
        operatorSource: input.operator ? 'customer' : chosen ? 'detected' : 'unknown',
        iccid,
        device,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return row!;
  });
}

export async function listLines(db: DbOrTx, customerId: string): Promise<LineRow[]> {
  return db
    .select()
    .from(lines)
    .where(and(eq(lines.customerId, customerId), isNull(lines.removedAt)))
    .orderBy(asc(lines.id));
}

/** A line of this customer's that is still on the account; another customer's is "not found". */
export async function getLine(db: DbOrTx, customerId: string, lineId: string): Promise<LineRow> {
  const [row] = isId('line', lineId)
    ? await db
        .select()
        .from(lines)
        .where(and(eq(lines.id, lineId), eq(lines.customerId, customerId), isNull(lines.removedAt)))
    : [];
  if (!row) throw notFound('line', lineId);
  return row;
}

export interface UpdateLineInput {
  nickname?: string | null | undefined;
  operator?: string | undefined;
  iccid?: string | null | undefined;
  device?: string | null | undefined;
}

export async function updateLine(
  deps: Pick<LinesDeps, 'db' | 'clock'>,
  customerId: string,
  lineId: string,
  input: UpdateLineInput,
): Promise<LineRow> {
  return deps.db.transaction(async (tx) => {
    const line = await getLine(tx, customerId, lineId);
    const changes: Partial<LineRow> = { updatedAt: deps.clock.now() };
    if (input.nickname !== undefined) changes.nickname = cleanText(input.nickname, 'nickname', NICKNAME_MAX);
    if (input.device !== undefined) changes.device = cleanText(input.device, 'device', DEVICE_MAX);
    if (input.iccid !== undefined) changes.iccid = cleanIccid(input.iccid);
    if (input.operator !== undefined) {
      changes.operatorId = (await chosenOperator(tx, input.operator, line.countryIso)).id;
      changes.operatorSource = 'customer';
    }
    const [row] = await tx.update(lines).set(changes).where(eq(lines.id, line.id)).returning();
    return row!;
  });
}

/** Takes a line off the account. Its orders keep pointing at it; the number can be added again. */
export async function removeLine(
  deps: Pick<LinesDeps, 'db' | 'clock'>,
  customerId: string,
  lineId: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const line = await getLine(tx, customerId, lineId);
    await tx.update(lines).set({ removedAt: deps.clock.now() }).where(eq(lines.id, line.id));
  });
}

/** Lines whose number matches (the console's search by phone). */
export async function linesWithNumber(db: DbOrTx, e164: string): Promise<LineRow[]> {
  return db.select().from(lines).where(eq(lines.phone, e164)).orderBy(asc(lines.id));
}

/**
 * Customers with a line whose number contains these digits (the console's customer search: `646 217` finds
 * +16462174510), the newest lines first, at most `limit`.
 */
export async function customerIdsWithLineDigits(
  db: DbOrTx,
  digits: string,
  limit: number,
): Promise<string[]> {
  if (!/^\d{3,15}$/.test(digits)) return [];
  const rows = await db
    .selectDistinct({ customerId: lines.customerId })
    .from(lines)
    .where(like(lines.phone, `%${digits}%`))
    .limit(limit);
  return rows.map((row) => row.customerId);
}

/** The lines of these customers, removed ones too (the console's view). */
export async function linesOfCustomers(db: DbOrTx, customerIds: string[]): Promise<LineRow[]> {
  if (customerIds.length === 0) return [];
  return db.select().from(lines).where(inArray(lines.customerId, customerIds)).orderBy(asc(lines.id));
}

/**
 * The customer's line for an eSIM bought here (the checkout flow, in the transaction that learns it was issued):
 * data only, so no number and no airtime operator. Not held to `MAX_LINES_PER_CUSTOMER`: it was paid for already.
 * A second call for the same eSIM returns the line made the first time.
 */
export async function addEsimLine(
  tx: Tx,
  clock: Clock,
  input: { customerId: string; esimId: string; iccid: string; countryIso: string; nickname?: string | null },
): Promise<LineRow> {
  const [existing] = await tx.select().from(lines).where(eq(lines.esimId, input.esimId));
  if (existing) return existing;
  const now = clock.now();
  const [row] = await tx
    .insert(lines)
    .values({
      id: newId('line'),
      customerId: input.customerId,
      kind: 'esim',
      phone: null,
      countryIso: input.countryIso,
      nickname: input.nickname ?? null,
      operatorId: null,
      operatorSource: 'unknown',
      iccid: input.iccid,
      device: null,
      esimId: input.esimId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
