import { and, asc, count, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import { notFound } from '../../kernel/errors.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import {
  esimEvents,
  esimOrders,
  esimPackages,
  profiles,
  type EsimOrderRow,
  type EsimOrderStatus,
  type EsimPackageRow,
  type EsimSourceKind,
  type InstallState,
  type ProfileRow,
} from './schema.js';

/**
 * What the console reads of the esim module: the eSIMs issued (the inventory staff search), one eSIM with its
 * packages and every step, the eSIM orders (the failed and the unknown first of all) and why a source refused,
 * in words. Reads only; the esim service writes these tables.
 */

export type EsimEventRow = typeof esimEvents.$inferSelect;

/** One page, newest first: `startingAfter` is the last id of the previous page (ids sort by creation time). */
export interface EsimPage<Row> {
  data: Row[];
  hasMore: boolean;
}

export interface IssuedEsimFilter {
  source?: EsimSourceKind | undefined;
  installState?: InstallState | undefined;
  customerId?: string | undefined;
  iccid?: string | undefined;
  limit: number;
  startingAfter?: string | undefined;
}

export type IssuedEsimRow = ProfileRow & { packageCount: number };

export async function listIssuedEsims(
  db: DbOrTx,
  filter: IssuedEsimFilter,
): Promise<EsimPage<IssuedEsimRow>> {
  const conditions: SQL[] = [];
  if (filter.source) conditions.push(eq(profiles.source, filter.source));
  if (filter.installState) conditions.push(eq(profiles.installState, filter.installState));
  if (filter.customerId) conditions.push(eq(profiles.customerId, filter.customerId));
  if (filter.iccid) conditions.push(eq(profiles.iccid, filter.iccid));
  if (filter.startingAfter) conditions.push(lt(profiles.id, filter.startingAfter));
  const rows = await db
    .select()
    .from(profiles)
    .where(and(...conditions))
    .orderBy(desc(profiles.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const counts = page.length
    ? await db
        .select({ profileId: esimPackages.profileId, count: count() })
        .from(esimPackages)
        .where(
          inArray(
            esimPackages.profileId,
            page.map((row) => row.id),
          ),
        )
        .groupBy(esimPackages.profileId)
    : [];
  const countOf = new Map(counts.map((row) => [row.profileId, row.count]));
  return {
    data: page.map((row) => ({ ...row, packageCount: countOf.get(row.id) ?? 0 })),
    hasMore: rows.length > filter.limit,
  };
}

/** How many eSIMs each source has in each install state (states with none are left out). */
export async function countIssuedEsims(
  db: DbOrTx,
): Promise<{ source: EsimSourceKind; installState: InstallState; count: number }[]> {
  return db
    .select({ source: profiles.source, installState: profiles.installState, count: count() })
    .from(profiles)
    .groupBy(profiles.source, profiles.installState)
    .orderBy(asc(profiles.source), asc(profiles.installState));
}

export interface IssuedEsimStory {
  profile: ProfileRow;
  packages: EsimPackageRow[];
  /** What SimFill bought for it from its source: the new eSIM and each top-up, oldest first. */
  orders: EsimOrderRow[];
  /** Every step of those orders and of the profile, oldest first. */
  events: EsimEventRow[];
}

export async function issuedEsimStory(db: DbOrTx, profileId: string): Promise<IssuedEsimStory> {
  const [profile] = await db.select().from(profiles).where(eq(profiles.id, profileId));
  if (!profile) throw notFound('esim', profileId);
  const [packages, orders] = await Promise.all([
    db
      .select()
      .from(esimPackages)
      .where(eq(esimPackages.profileId, profile.id))
      .orderBy(asc(esimPackages.addedAt), asc(esimPackages.id)),
    db
      .select()
      .from(esimOrders)
      // The new eSIM's order may not name the profile yet when it was issued; its SimFill order does.
      .where(or(eq(esimOrders.profileId, profile.id), eq(esimOrders.orderId, profile.orderId)))
      .orderBy(asc(esimOrders.id)),
  ]);
  const orderIds = orders.map((order) => order.id);
  const events = await db
    .select()
    .from(esimEvents)
    .where(
      orderIds.length
        ? or(eq(esimEvents.profileId, profile.id), inArray(esimEvents.esimOrderId, orderIds))
        : eq(esimEvents.profileId, profile.id),
    )
    .orderBy(asc(esimEvents.at), asc(esimEvents.id));
  return { profile, packages, orders, events };
}

export interface EsimOrderFilter {
  status?: EsimOrderStatus | undefined;
  source?: EsimSourceKind | undefined;
  kind?: EsimOrderRow['kind'] | undefined;
  limit: number;
  startingAfter?: string | undefined;
}

export async function listEsimOrders(db: DbOrTx, filter: EsimOrderFilter): Promise<EsimPage<EsimOrderRow>> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(esimOrders.status, filter.status));
  if (filter.source) conditions.push(eq(esimOrders.source, filter.source));
  if (filter.kind) conditions.push(eq(esimOrders.kind, filter.kind));
  if (filter.startingAfter) conditions.push(lt(esimOrders.id, filter.startingAfter));
  const rows = await db
    .select()
    .from(esimOrders)
    .where(and(...conditions))
    .orderBy(desc(esimOrders.id))
    .limit(filter.limit + 1);
  return { data: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
}

/** Airalo Partner API 422 codes (its published error table). */
const AIRALO_REASONS: Record<string, LocalizedText> = {
  '11': {
    'zh-CN': 'Airalo：SimFill 在 Airalo 的账户余额不足（请给账户充值后重试）。',
    en: 'Airalo: SimFill’s account there has insufficient credit (top up the account, then retry).',
  },
  '13': {
    'zh-CN': 'Airalo：该运营商正在维护，暂时无法下单。',
    en: 'Airalo: the operator is under maintenance; orders are paused for now.',
  },
  '14': { 'zh-CN': 'Airalo：请求校验失败。', en: 'Airalo: the request failed its checksum.' },
  '23': {
    'zh-CN': 'Airalo：这张 eSIM 不允许充值（该套餐已关闭充值）。',
    en: 'Airalo: top-ups are disabled for this eSIM (its package allows none).',
  },
  '33': {
    'zh-CN': 'Airalo：该套餐库存不足。',
    en: 'Airalo: not enough stock of this package.',
  },
  '34': {
    'zh-CN': 'Airalo：该套餐无效或已售罄。',
    en: 'Airalo: this package is invalid or out of stock.',
  },
  '43': { 'zh-CN': 'Airalo：请求无效。', en: 'Airalo: the request was invalid.' },
  '53': { 'zh-CN': 'Airalo：Airalo 内部出错。', en: 'Airalo: an unexpected error on Airalo’s side.' },
  '73': {
    'zh-CN': 'Airalo：这张 eSIM 已被回收，不能再充值（客户需要购买新的 eSIM）。',
    en: 'Airalo: this eSIM has been recycled and cannot be topped up (the customer needs a new eSIM).',
  },
  '89': {
    'zh-CN': 'Airalo：SimFill 服务器的 IP 不在 Airalo 白名单中。',
    en: 'Airalo: SimFill’s server IP is not on Airalo’s allow list.',
  },
};

/** ES2+ subject and reason pairs that need words of their own (GSMA SGP.22 §5.3, the SM-DP+ state table). */
const ES2PLUS_REASONS: Record<string, LocalizedText> = {
  '8.2.5/3.7': {
    'zh-CN': 'SM-DP+：该类型的配置文件已无可用库存（请导入新的 ICCID）。',
    en: 'SM-DP+: no profile of this type is available (import more ICCIDs).',
  },
  '8.2.5/3.9': { 'zh-CN': 'SM-DP+：不认识这个配置文件类型。', en: 'SM-DP+: unknown profile type.' },
  '8.2.1/3.3': {
    'zh-CN': 'SM-DP+：这个 ICCID 已被占用。',
    en: 'SM-DP+: this ICCID is already in use.',
  },
  '8.2.1/3.5': {
    'zh-CN': 'SM-DP+：配置文件当前状态不允许这一步。',
    en: 'SM-DP+: the profile’s state does not allow this step.',
  },
  '8.2.1/3.9': { 'zh-CN': 'SM-DP+：不认识这个 ICCID。', en: 'SM-DP+: unknown ICCID.' },
  '8.2.6/3.3': {
    'zh-CN': 'SM-DP+：激活码（Matching ID）已被另一个配置文件使用。',
    en: 'SM-DP+: the matching ID is used by another profile.',
  },
  '8.1.1/3.10': {
    'zh-CN': 'SM-DP+：EID 与下单时绑定的不一致。',
    en: 'SM-DP+: the EID differs from the one bound at DownloadOrder.',
  },
  '8.8.5/6.4': {
    'zh-CN': 'SM-DP+：下载次数已达上限。',
    en: 'SM-DP+: the maximum number of download attempts was reached.',
  },
  '8.8.5/4.10': { 'zh-CN': 'SM-DP+：下载订单已过期。', en: 'SM-DP+: the download order has expired.' },
  '1.1/1.2': {
    'zh-CN': 'SM-DP+：不允许 SimFill 调用（运营商身份或证书未被接受）。',
    en: 'SM-DP+: SimFill is not allowed (its operator identity or certificate was refused).',
  },
  '1.2/4.4': { 'zh-CN': 'SM-DP+：服务繁忙，稍后重试。', en: 'SM-DP+: busy; retried later.' },
};

const ES2PLUS_SUBJECTS: Record<string, LocalizedText> = {
  '1.1': { 'zh-CN': '调用方', en: 'function requester' },
  '1.2': { 'zh-CN': '服务方', en: 'function provider' },
  '1.6': { 'zh-CN': '功能', en: 'function' },
  '8.1': { 'zh-CN': 'eUICC', en: 'eUICC' },
  '8.1.1': { 'zh-CN': 'EID', en: 'EID' },
  '8.2': { 'zh-CN': '配置文件', en: 'profile' },
  '8.2.1': { 'zh-CN': '配置文件 ICCID', en: 'profile ICCID' },
  '8.2.5': { 'zh-CN': '配置文件类型', en: 'profile type' },
  '8.2.6': { 'zh-CN': 'Matching ID', en: 'matching ID' },
  '8.2.7': { 'zh-CN': '确认码', en: 'confirmation code' },
  '8.8': { 'zh-CN': 'SM-DP+', en: 'SM-DP+' },
  '8.8.5': { 'zh-CN': '下载订单', en: 'download order' },
};

const ES2PLUS_REASON_WORDS: Record<string, LocalizedText> = {
  '1.1': { 'zh-CN': '未知', en: 'unknown' },
  '1.2': { 'zh-CN': '不允许', en: 'not allowed' },
  '2.1': { 'zh-CN': '无效', en: 'invalid' },
  '2.2': { 'zh-CN': '缺少必填项', en: 'mandatory element missing' },
  '2.3': { 'zh-CN': '缺少条件必填项', en: 'conditional element missing' },
  '3.1': { 'zh-CN': '不支持', en: 'unsupported' },
  '3.3': { 'zh-CN': '已被占用', en: 'already in use' },
  '3.5': { 'zh-CN': '状态转换无效', en: 'invalid transition' },
  '3.7': { 'zh-CN': '不可用', en: 'unavailable' },
  '3.8': { 'zh-CN': '被拒绝', en: 'refused' },
  '3.9': { 'zh-CN': '未知', en: 'unknown' },
  '3.10': { 'zh-CN': '关联无效', en: 'invalid association' },
  '4.2': { 'zh-CN': '执行出错', en: 'execution error' },
  '4.4': { 'zh-CN': '繁忙', en: 'busy' },
  '4.10': { 'zh-CN': '已过期', en: 'time to live expired' },
  '6.1': { 'zh-CN': '校验失败', en: 'verification failed' },
  '6.3': { 'zh-CN': '已过期', en: 'expired' },
  '6.4': { 'zh-CN': '超过最大重试次数', en: 'maximum number of retries exceeded' },
};

const NO_RESPONSE: LocalizedText = {
  'zh-CN': '来源没有应答（超时或连接中断）：SimFill 先按订单参考号查询，绝不盲目重发。',
  en: 'The source did not answer (timeout or lost connection): SimFill looks the order up by its reference before any new send.',
};

/**
 * A source's refusal code in words for staff: Airalo's 422 codes, ES2+ `subject/reason` pairs (named ones first,
 * then composed from the GSMA vocabulary), a lost answer. Undefined for a code it does not know (shown raw).
 */
export function providerReasonText(source: EsimSourceKind, code: string | null): LocalizedText | undefined {
  if (code === null) return undefined;
  if (code === 'NO_RESPONSE') return NO_RESPONSE;
  if (source === 'airalo') return AIRALO_REASONS[code];
  const named = ES2PLUS_REASONS[code];
  if (named) return named;
  const [subject, reason] = code.split('/');
  const subjectText = subject === undefined ? undefined : ES2PLUS_SUBJECTS[subject];
  const reasonText = reason === undefined ? undefined : ES2PLUS_REASON_WORDS[reason];
  if (!subjectText || !reasonText) return undefined;
  return {
    'zh-CN': `SM-DP+：${subjectText['zh-CN']}：${reasonText['zh-CN']}。`,
    en: `SM-DP+: ${subjectText.en}: ${reasonText.en}.`,
  };
}
