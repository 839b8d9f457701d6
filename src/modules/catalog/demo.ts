import type { LocalizedText } from '../../kernel/i18n/index.js';
import type { SIM_TYPES, VALIDITY_PERIODS, PLAN_CATEGORIES } from './schema.js';

/**
 * The demo catalog `simfill start` seeds on first run: the networks and plans Chinese-speaking customers in
 * and travelling to the US actually compare. Prices are in US cents and mirror the market, not any carrier's
 * current price list.
 */

export interface DemoCarrier {
  slug: string;
  name: LocalizedText;
  kind: 'mno' | 'mvno';
  hostSlug?: string;
  website: string;
}

export interface DemoPlan {
  slug: string;
  carrierSlug: string | null;
  category: (typeof PLAN_CATEGORIES)[number];
  simTypes: (typeof SIM_TYPES)[number][];
  name: LocalizedText;
  description: LocalizedText;
  dataQuotaMb: number;
  unlimitedData: boolean;
  speedAfterQuotaKbps: number | null;
  validityPeriod: (typeof VALIDITY_PERIODS)[number];
  voiceMinutes: number | null;
  unlimitedVoice: boolean;
  smsCount: number | null;
  unlimitedSms: boolean;
  countries: string[];
  coverageRegion: string;
  shareableDevices: number;
  priceMinor: number;
  /** A travel eSIM sold here: its source and the package ordered there (the Airalo simulator's ids). */
  esimSource?: 'airalo' | 'smdp' | null;
  esimPackageId?: string | null;
}

export const VALIDITY_DAYS: Record<(typeof VALIDITY_PERIODS)[number], number> = {
  daily: 1,
  '7_days': 7,
  '30_days': 30,
  monthly: 30,
  quarterly: 90,
};

export const DEMO_CARRIERS: DemoCarrier[] = [
  {
    slug: 'att',
    name: { 'zh-CN': 'AT&T', en: 'AT&T' },
    kind: 'mno',
    website: 'https://www.att.com/prepaid/',
  },
  {
    slug: 't-mobile',
    name: { 'zh-CN': 'T-Mobile', en: 'T-Mobile' },
    kind: 'mno',
    website: 'https://www.t-mobile.com/prepaid',
  },
  {
    slug: 'verizon',
    name: { 'zh-CN': 'Verizon', en: 'Verizon' },
    kind: 'mno',
    website: 'https://www.verizon.com/plans/prepaid/',
  },
  {
    slug: 'mint',
    name: { 'zh-CN': 'Mint Mobile', en: 'Mint Mobile' },
    kind: 'mvno',
    hostSlug: 't-mobile',
    website: 'https://www.mintmobile.com/',
  },
  {
    slug: 'cricket',
    name: { 'zh-CN': 'Cricket Wireless', en: 'Cricket Wireless' },
    kind: 'mvno',
    hostSlug: 'att',
    website: 'https://www.cricketwireless.com/',
  },
];

const NORTH_AMERICA = ['US', 'CA', 'MX'];
const ASIA = ['CN', 'HK', 'MO', 'TW', 'JP', 'KR', 'SG', 'TH', 'MY', 'VN', 'PH', 'ID'];
const EUROPE = [
  'GB',
  'FR',
  'DE',
  'IT',
  'ES',
  'NL',
  'CH',
  'AT',
  'BE',
  'PT',
  'IE',
  'GR',
  'SE',
  'DK',
  'NO',
  'PL',
];
const GLOBAL = [...new Set([...NORTH_AMERICA, ...ASIA, ...EUROPE, 'AU', 'NZ', 'AE', 'TR', 'BR'])];

type PlanBase = Omit<DemoPlan, 'slug' | 'name' | 'description' | 'dataQuotaMb' | 'priceMinor'>;

/** A prepaid carrier plan: a phone number with talk and text, sold on physical SIM and eSIM. */
const carrierPlan = (carrierSlug: string, overrides: Partial<PlanBase>): PlanBase => ({
  carrierSlug,
  category: 'carrier_plan',
  simTypes: ['psim', 'esim'],
  unlimitedData: false,
  speedAfterQuotaKbps: 128,
  validityPeriod: '30_days',
  voiceMinutes: null,
  unlimitedVoice: true,
  smsCount: null,
  unlimitedSms: true,
  countries: ['US'],
  coverageRegion: 'us',
  shareableDevices: 1,
  ...overrides,
});

/** A data-only travel eSIM that roams on several networks. */
const travelEsim = (countries: string[], coverageRegion: string, overrides: Partial<PlanBase>): PlanBase => ({
  carrierSlug: null,
  category: 'travel_esim',
  simTypes: ['esim'],
  unlimitedData: false,
  speedAfterQuotaKbps: null,
  validityPeriod: '30_days',
  voiceMinutes: null,
  unlimitedVoice: false,
  smsCount: null,
  unlimitedSms: false,
  countries,
  coverageRegion,
  shareableDevices: 3,
  ...overrides,
});

const GB = 1024;

/**
 * The operator's own eSIM: a profile from its own SM-DP+ (ES2+), not a reseller's. `SIMFILL-US-DATA` is the
 * profile type of the embedded SM-DP+ simulator's inventory (src/embedded-simulators.ts).
 */
const OWN_BRAND_ESIM: DemoPlan = {
  slug: 'simfill-us-data-esim-3gb-30d',
  ...travelEsim(['US'], 'us', { shareableDevices: 1 }),
  name: { 'zh-CN': 'SimFill 美国数据 eSIM 3GB（30天）', en: 'SimFill US Data eSIM 3GB (30 days)' },
  description: {
    'zh-CN': 'SimFill 自有网络的纯流量 eSIM，扫码即装；用完可在同一张 eSIM 上加购流量包。',
    en: 'A data-only eSIM on SimFill’s own network, installed from a QR code; add data packs to the same eSIM later.',
  },
  dataQuotaMb: 3 * GB,
  priceMinor: 900,
  esimSource: 'smdp',
  esimPackageId: 'SIMFILL-US-DATA',
};

/**
 * The travel eSIMs are sold through the Airalo-compatible source; their package ids are the Airalo simulator's
 * (src/simulators/airalo/catalog.ts), which a real Airalo account maps by configuration. The first plan is the
 * operator's own eSIM, from its SM-DP+.
 */
export const DEMO_PLANS: DemoPlan[] = [
  OWN_BRAND_ESIM,
  {
    slug: 'att-prepaid-5gb-30d',
    ...carrierPlan('att', { countries: NORTH_AMERICA, coverageRegion: 'north_america' }),
    name: { 'zh-CN': 'AT&T 预付费 5GB（30天）', en: 'AT&T Prepaid 5GB (30 days)' },
    description: {
      'zh-CN': '无限通话和短信，可在美国、加拿大、墨西哥使用；5GB 高速流量用完后降速至 128 kbps。',
      en: 'Unlimited talk and text in the US, Canada and Mexico; 5GB high-speed data, then 128 kbps.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 3000,
  },
  {
    slug: 'att-unlimited-monthly',
    ...carrierPlan('att', {
      unlimitedData: true,
      speedAfterQuotaKbps: 1536,
      validityPeriod: 'monthly',
      countries: NORTH_AMERICA,
      coverageRegion: 'north_america',
      shareableDevices: 5,
    }),
    name: { 'zh-CN': 'AT&T 无限流量月套餐', en: 'AT&T Unlimited Monthly' },
    description: {
      'zh-CN': '每月续费，无限通话、短信和流量；前 16GB 高速，之后 1.5 Mbps，可开热点供 5 台设备共享。',
      en: 'Renews monthly: unlimited talk, text and data; 16GB high-speed, then 1.5 Mbps; hotspot for 5 devices.',
    },
    dataQuotaMb: 16 * GB,
    priceMinor: 6500,
  },
  {
    slug: 'att-data-1gb-daily',
    ...carrierPlan('att', {
      simTypes: ['esim'],
      validityPeriod: 'daily',
      unlimitedVoice: false,
      unlimitedSms: false,
    }),
    name: { 'zh-CN': 'AT&T 1GB 日流量包', en: 'AT&T 1GB Day Pass' },
    description: {
      'zh-CN': '当天有效的 1GB 流量加油包，适合临时出行；用完后降速至 128 kbps。',
      en: 'A 1GB data add-on valid for one day, for a busy day out; 128 kbps after the quota.',
    },
    dataQuotaMb: 1 * GB,
    priceMinor: 500,
  },
  {
    slug: 't-mobile-prepaid-10gb-30d',
    ...carrierPlan('t-mobile', {}),
    name: { 'zh-CN': 'T-Mobile 预付费 10GB（30天）', en: 'T-Mobile Prepaid 10GB (30 days)' },
    description: {
      'zh-CN': '美国境内无限通话和短信，10GB 高速流量，之后降速至 128 kbps。',
      en: 'Unlimited talk and text in the US, 10GB high-speed data, then 128 kbps.',
    },
    dataQuotaMb: 10 * GB,
    priceMinor: 4000,
  },
  {
    slug: 't-mobile-unlimited-monthly',
    ...carrierPlan('t-mobile', {
      unlimitedData: true,
      speedAfterQuotaKbps: 1536,
      validityPeriod: 'monthly',
      countries: NORTH_AMERICA,
      coverageRegion: 'north_america',
      shareableDevices: 5,
    }),
    name: { 'zh-CN': 'T-Mobile 无限流量月套餐', en: 'T-Mobile Unlimited Monthly' },
    description: {
      'zh-CN': '每月续费，无限通话、短信和流量；前 50GB 高速，之后 1.5 Mbps；含加拿大和墨西哥漫游。',
      en: 'Renews monthly: unlimited talk, text and data; 50GB high-speed, then 1.5 Mbps; Canada and Mexico included.',
    },
    dataQuotaMb: 50 * GB,
    priceMinor: 5000,
  },
  {
    slug: 't-mobile-data-1gb-7d',
    ...carrierPlan('t-mobile', { validityPeriod: '7_days', unlimitedVoice: false, unlimitedSms: false }),
    name: { 'zh-CN': 'T-Mobile 1GB 周流量包', en: 'T-Mobile 1GB 7-day Data Pass' },
    description: {
      'zh-CN': '7 天有效的 1GB 加油包，可叠加在现有套餐上。',
      en: 'A 1GB add-on valid for 7 days, on top of your current plan.',
    },
    dataQuotaMb: 1 * GB,
    priceMinor: 1000,
  },
  {
    slug: 'verizon-prepaid-5gb-monthly',
    ...carrierPlan('verizon', { validityPeriod: 'monthly', speedAfterQuotaKbps: null }),
    name: { 'zh-CN': 'Verizon 预付费 5GB 月套餐', en: 'Verizon Prepaid 5GB Monthly' },
    description: {
      'zh-CN': '每月续费，美国境内无限通话和短信，5GB 流量，用完后停止上网，可加购流量。',
      en: 'Renews monthly: unlimited talk and text in the US, 5GB data that stops at the limit; add data any time.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 3500,
  },
  {
    slug: 'verizon-unlimited-monthly',
    ...carrierPlan('verizon', {
      unlimitedData: true,
      speedAfterQuotaKbps: 600,
      validityPeriod: 'monthly',
      countries: NORTH_AMERICA,
      coverageRegion: 'north_america',
      shareableDevices: 5,
    }),
    name: { 'zh-CN': 'Verizon 无限流量月套餐', en: 'Verizon Unlimited Monthly' },
    description: {
      'zh-CN': '每月续费，无限通话、短信和流量；前 25GB 高速，之后 600 kbps；含加拿大和墨西哥。',
      en: 'Renews monthly: unlimited talk, text and data; 25GB high-speed, then 600 kbps; Canada and Mexico included.',
    },
    dataQuotaMb: 25 * GB,
    priceMinor: 6500,
  },
  {
    slug: 'verizon-prepaid-10gb-quarterly',
    ...carrierPlan('verizon', {
      validityPeriod: 'quarterly',
      voiceMinutes: 1000,
      unlimitedVoice: false,
      smsCount: 1000,
      unlimitedSms: false,
    }),
    name: { 'zh-CN': 'Verizon 预付费 10GB 季度套餐', en: 'Verizon Prepaid 10GB Quarterly' },
    description: {
      'zh-CN': '90 天有效，含 1000 分钟通话、1000 条短信和 10GB 流量，适合保号。',
      en: 'Valid 90 days with 1,000 minutes, 1,000 texts and 10GB data: keeps a number alive cheaply.',
    },
    dataQuotaMb: 10 * GB,
    priceMinor: 7500,
  },
  {
    slug: 'mint-5gb-quarterly',
    ...carrierPlan('mint', {
      validityPeriod: 'quarterly',
      countries: NORTH_AMERICA,
      coverageRegion: 'north_america',
    }),
    name: { 'zh-CN': 'Mint Mobile 5GB 季度套餐', en: 'Mint Mobile 5GB Quarterly' },
    description: {
      'zh-CN': '使用 T-Mobile 网络，3 个月一付，每月 5GB 高速流量，无限通话短信，可打加拿大和墨西哥。',
      en: 'On the T-Mobile network, paid every 3 months: 5GB high-speed data a month, unlimited talk and text, calls to Canada and Mexico.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 4500,
  },
  {
    slug: 'mint-unlimited-quarterly',
    ...carrierPlan('mint', {
      unlimitedData: true,
      speedAfterQuotaKbps: 256,
      validityPeriod: 'quarterly',
      countries: NORTH_AMERICA,
      coverageRegion: 'north_america',
      shareableDevices: 5,
    }),
    name: { 'zh-CN': 'Mint Mobile 无限流量季度套餐', en: 'Mint Mobile Unlimited Quarterly' },
    description: {
      'zh-CN': '使用 T-Mobile 网络，3 个月一付，每月 40GB 高速后降至 256 kbps，无限通话短信。',
      en: 'On the T-Mobile network, paid every 3 months: 40GB high-speed data a month, then 256 kbps; unlimited talk and text.',
    },
    dataQuotaMb: 40 * GB,
    priceMinor: 9000,
  },
  {
    slug: 'cricket-5gb-monthly',
    ...carrierPlan('cricket', {
      validityPeriod: 'monthly',
      countries: NORTH_AMERICA,
      coverageRegion: 'north_america',
    }),
    name: { 'zh-CN': 'Cricket 5GB 月套餐', en: 'Cricket 5GB Monthly' },
    description: {
      'zh-CN': '使用 AT&T 网络，每月续费，5GB 高速流量，无限通话短信，含墨西哥和加拿大。',
      en: 'On the AT&T network, renews monthly: 5GB high-speed data, unlimited talk and text, Mexico and Canada included.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 3000,
  },
  {
    slug: 'cricket-unlimited-monthly',
    ...carrierPlan('cricket', {
      unlimitedData: true,
      speedAfterQuotaKbps: 1536,
      validityPeriod: 'monthly',
      shareableDevices: 5,
    }),
    name: { 'zh-CN': 'Cricket 无限流量月套餐', en: 'Cricket Unlimited Monthly' },
    description: {
      'zh-CN': '使用 AT&T 网络，每月续费，无限流量（前 30GB 高速，之后 1.5 Mbps），可开热点。',
      en: 'On the AT&T network, renews monthly: unlimited data (30GB high-speed, then 1.5 Mbps), hotspot included.',
    },
    dataQuotaMb: 30 * GB,
    priceMinor: 5500,
  },
  {
    slug: 'travel-usa-1gb-7d',
    esimSource: 'airalo',
    esimPackageId: 'change-7days-1gb',
    ...travelEsim(['US'], 'us', { validityPeriod: '7_days' }),
    name: { 'zh-CN': '美国旅行 eSIM 1GB（7天）', en: 'USA Travel eSIM 1GB (7 days)' },
    description: {
      'zh-CN': '纯流量 eSIM，落地即用，使用 AT&T 和 T-Mobile 网络；适合短途出差。',
      en: 'Data-only eSIM that works on landing, on the AT&T and T-Mobile networks; for a short trip.',
    },
    dataQuotaMb: 1 * GB,
    priceMinor: 450,
  },
  {
    slug: 'travel-usa-5gb-30d',
    esimSource: 'airalo',
    esimPackageId: 'change-30days-5gb',
    ...travelEsim(['US'], 'us', {}),
    name: { 'zh-CN': '美国旅行 eSIM 5GB（30天）', en: 'USA Travel eSIM 5GB (30 days)' },
    description: {
      'zh-CN': '纯流量 eSIM，30 天 5GB，使用 AT&T 和 T-Mobile 网络，可开热点。',
      en: 'Data-only eSIM, 5GB over 30 days on the AT&T and T-Mobile networks, hotspot allowed.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 1300,
  },
  {
    slug: 'travel-usa-10gb-30d',
    esimSource: 'airalo',
    esimPackageId: 'change-30days-10gb',
    ...travelEsim(['US'], 'us', {}),
    name: { 'zh-CN': '美国旅行 eSIM 10GB（30天）', en: 'USA Travel eSIM 10GB (30 days)' },
    description: {
      'zh-CN': '纯流量 eSIM，30 天 10GB，适合留学生开学季或长途旅行。',
      en: 'Data-only eSIM, 10GB over 30 days: for the start of a semester or a long trip.',
    },
    dataQuotaMb: 10 * GB,
    priceMinor: 2000,
  },
  {
    slug: 'travel-usa-unlimited-daily',
    esimSource: 'airalo',
    esimPackageId: 'change-1day-unlimited',
    ...travelEsim(['US'], 'us', { validityPeriod: 'daily', unlimitedData: true, speedAfterQuotaKbps: 512 }),
    name: { 'zh-CN': '美国旅行 eSIM 无限流量日包', en: 'USA Travel eSIM Unlimited Day Pass' },
    description: {
      'zh-CN': '按天计费的无限流量，每天 2GB 高速，之后 512 kbps。',
      en: 'Unlimited data by the day: 2GB high-speed each day, then 512 kbps.',
    },
    dataQuotaMb: 2 * GB,
    priceMinor: 550,
  },
  {
    slug: 'travel-north-america-5gb-30d',
    esimSource: 'airalo',
    esimPackageId: 'ameriroam-30days-5gb',
    ...travelEsim(NORTH_AMERICA, 'north_america', {}),
    name: { 'zh-CN': '北美旅行 eSIM 5GB（30天）', en: 'North America Travel eSIM 5GB (30 days)' },
    description: {
      'zh-CN': '美国、加拿大、墨西哥三国通用的纯流量 eSIM。',
      en: 'One data-only eSIM for the US, Canada and Mexico.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 1800,
  },
  {
    slug: 'travel-north-america-10gb-30d',
    esimSource: 'airalo',
    esimPackageId: 'ameriroam-30days-10gb',
    ...travelEsim(NORTH_AMERICA, 'north_america', {}),
    name: { 'zh-CN': '北美旅行 eSIM 10GB（30天）', en: 'North America Travel eSIM 10GB (30 days)' },
    description: {
      'zh-CN': '美国、加拿大、墨西哥三国通用，30 天 10GB。',
      en: 'The US, Canada and Mexico on one eSIM, 10GB over 30 days.',
    },
    dataQuotaMb: 10 * GB,
    priceMinor: 2900,
  },
  {
    slug: 'travel-asia-5gb-30d',
    esimSource: 'airalo',
    esimPackageId: 'asialink-30days-5gb',
    ...travelEsim(ASIA, 'asia', {}),
    name: { 'zh-CN': '亚洲多国 eSIM 5GB（30天）', en: 'Asia eSIM 5GB (30 days)' },
    description: {
      'zh-CN': '覆盖中国大陆、港澳台、日韩和东南亚，回国探亲或转机都能用。',
      en: 'Mainland China, Hong Kong, Macau, Taiwan, Japan, Korea and Southeast Asia: for a visit home or a layover.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 1500,
  },
  {
    slug: 'travel-europe-5gb-30d',
    esimSource: 'airalo',
    esimPackageId: 'eurolink-30days-5gb',
    ...travelEsim(EUROPE, 'europe', {}),
    name: { 'zh-CN': '欧洲多国 eSIM 5GB（30天）', en: 'Europe eSIM 5GB (30 days)' },
    description: {
      'zh-CN': '覆盖 16 个欧洲国家的纯流量 eSIM。',
      en: 'A data-only eSIM for 16 European countries.',
    },
    dataQuotaMb: 5 * GB,
    priceMinor: 1600,
  },
  {
    slug: 'travel-global-10gb-30d',
    esimSource: 'airalo',
    esimPackageId: 'discover-global-30days-10gb',
    ...travelEsim(GLOBAL, 'global', {}),
    name: { 'zh-CN': '全球通用 eSIM 10GB（30天）', en: 'Global eSIM 10GB (30 days)' },
    description: {
      'zh-CN': '北美、亚洲、欧洲和大洋洲多国通用，一张 eSIM 走遍多国。',
      en: 'North America, Asia, Europe and Oceania on one eSIM.',
    },
    dataQuotaMb: 10 * GB,
    priceMinor: 4900,
  },
];
