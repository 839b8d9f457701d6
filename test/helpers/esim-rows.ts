import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/index.js';
import { newId } from '../../src/kernel/ids.js';
import {
  esimEvents,
  esimOrders,
  esimPackages,
  profiles,
  type EsimOrderRow,
  type EsimPackageSpec,
  type ProfileRow,
} from '../../src/modules/esim/schema.js';

/**
 * Rows of the esim module's tables for the console's read routes, written straight into the tables. Only the
 * read-route tests use these: every other test gets its eSIMs by buying them through the checkout, as a customer
 * does (the esim service is the only writer in production).
 */

let iccidCounter = 0;
/** A Luhn-valid 19-digit ICCID, distinct per call. */
export function anIccid(): string {
  const body = `89014103${String(++iccidCounter).padStart(10, '0')}`;
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) digit *= 2;
    sum += digit > 9 ? digit - 9 : digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export const ONE_GB_US: EsimPackageSpec = {
  name: { 'zh-CN': '美国旅行 eSIM 1GB（7天）', en: 'USA travel eSIM 1 GB (7 days)' },
  dataMb: 1024,
  unlimited: false,
  validityDays: 7,
  countries: ['US'],
};

export async function anEsimOrder(
  db: Db,
  fields: Partial<EsimOrderRow> & Pick<EsimOrderRow, 'customerId'>,
): Promise<EsimOrderRow> {
  const at = fields.createdAt ?? new Date('2026-12-01T08:00:00Z');
  const orderId = fields.orderId ?? newId('order');
  const [row] = await db
    .insert(esimOrders)
    .values({
      id: newId('esimOrder'),
      orderId,
      kind: 'new',
      source: 'airalo',
      packageId: 'change-7days-1gb',
      spec: ONE_GB_US,
      reference: orderId,
      status: 'succeeded',
      attempts: 1,
      createdAt: at,
      updatedAt: at,
      ...fields,
    })
    .returning();
  return row!;
}

/** An issued eSIM with its new-eSIM order, its first package and the order's `issued` event. */
export async function anIssuedEsim(
  db: Db,
  fields: Partial<ProfileRow> & Pick<ProfileRow, 'customerId'>,
): Promise<ProfileRow> {
  const at = fields.createdAt ?? new Date('2026-12-01T08:00:00Z');
  const source = fields.source ?? 'airalo';
  const order = await anEsimOrder(db, { customerId: fields.customerId, source, createdAt: at });
  const [profile] = await db
    .insert(profiles)
    .values({
      id: newId('esim'),
      orderId: order.orderId,
      source,
      iccid: anIccid(),
      activationCode: 'LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815',
      installState: 'not_installed',
      installStateAt: at,
      createdAt: at,
      updatedAt: at,
      ...fields,
    })
    .returning();
  await db
    .update(esimOrders)
    .set({ profileId: profile!.id, iccid: profile!.iccid })
    .where(eq(esimOrders.id, order.id));
  await aPackage(db, profile!, order, 'new', at);
  await db.insert(esimEvents).values({
    id: newId('esimEvent'),
    esimOrderId: order.id,
    profileId: null,
    at,
    kind: 'issued',
    providerCode: null,
    detail: { iccid: profile!.iccid },
  });
  return profile!;
}

export async function aPackage(
  db: Db,
  profile: ProfileRow,
  order: EsimOrderRow,
  kind: 'new' | 'topup',
  at: Date,
): Promise<void> {
  await db.insert(esimPackages).values({
    id: `esimpkg_${order.id}`,
    profileId: profile.id,
    esimOrderId: order.id,
    kind,
    packageId: order.packageId,
    spec: order.spec,
    addedAt: at,
  });
}

export async function anEsimEvent(
  db: Db,
  fields: Partial<typeof esimEvents.$inferInsert> & Pick<typeof esimEvents.$inferInsert, 'kind' | 'at'>,
): Promise<void> {
  await db.insert(esimEvents).values({ id: newId('esimEvent'), detail: {}, ...fields });
}
