import type { LocalizedText } from '../../kernel/i18n/index.js';
import { parseEid } from '../../kernel/identifiers.js';

/**
 * Which phones take an eSIM: a curated, versioned list (SimFill's own, from the makers' published eSIM support
 * pages; GSMA's TAC database, which has the capability, is licensed) and a checker that answers compatible, not
 * compatible or unknown with its reason — by the model a customer types, by EID (a valid 32-digit EID proves an
 * eSIM chip), or by the browser's user agent (iPhones hide their model there; Android often sends it).
 * Whatever the answer, two caveats hold for every phone and are always said: it must be carrier-unlocked, and
 * models made for mainland China (and most for Hong Kong and Macau) have two physical SIM slots instead.
 */

export const DEVICE_LIST_VERSION = '2026-12-04';

export interface CompatibleDevice {
  brand: 'Apple' | 'Google' | 'Samsung' | 'Motorola' | 'OnePlus' | 'Xiaomi' | 'Huawei';
  model: string;
  /** Other names and model identifiers people or browsers use (`iPhone15,4`, `SM-S911B`, `Pixel 8`). */
  aliases: readonly string[];
  esim: boolean;
  /** The first OS version with eSIM for this model (iOS 12.1 brought eSIM to the iPhone XS and XR). */
  osMinimum: string | undefined;
  note: LocalizedText | undefined;
}

const MAINLAND_IPHONE: LocalizedText = {
  'zh-CN':
    '中国大陆版（以及大部分港澳版）为双实体卡，不支持 eSIM；请在“设置 > 通用 > 关于本机”查看是否有 EID。',
  en: 'Models sold in mainland China (and most in Hong Kong and Macau) have two physical SIM slots and no eSIM; look for an EID under Settings > General > About.',
};
const US_ESIM_ONLY: LocalizedText = {
  'zh-CN': `美版无实体卡槽，只支持 eSIM。${MAINLAND_IPHONE['zh-CN']}`,
  en: `US models have no SIM tray: eSIM only. ${MAINLAND_IPHONE.en}`,
};

const iphone = (
  model: string,
  aliases: string[],
  note: LocalizedText = MAINLAND_IPHONE,
): CompatibleDevice => ({
  brand: 'Apple',
  model,
  aliases,
  esim: true,
  osMinimum: model.startsWith('iPhone X') ? '12.1' : undefined,
  note,
});
const android = (
  brand: CompatibleDevice['brand'],
  model: string,
  aliases: string[],
  note?: LocalizedText,
): CompatibleDevice => ({ brand, model, aliases, esim: true, osMinimum: undefined, note });
const without = (
  brand: CompatibleDevice['brand'],
  model: string,
  aliases: string[],
  note: LocalizedText,
) => ({
  brand,
  model,
  aliases,
  esim: false,
  osMinimum: undefined,
  note,
});

const NO_ESIM_BEFORE_XS: LocalizedText = {
  'zh-CN': 'iPhone XS / XR 之前的机型没有 eSIM 芯片。',
  en: 'iPhones before the XS and XR have no eSIM chip.',
};

export const DEVICES: readonly CompatibleDevice[] = [
  without('Apple', 'iPhone X', ['iPhone10,3', 'iPhone10,6'], NO_ESIM_BEFORE_XS),
  without(
    'Apple',
    'iPhone 8',
    ['iPhone 8 Plus', 'iPhone10,1', 'iPhone10,2', 'iPhone10,4', 'iPhone10,5'],
    NO_ESIM_BEFORE_XS,
  ),
  iphone('iPhone XS', ['iPhone XS Max', 'iPhone11,2', 'iPhone11,4', 'iPhone11,6']),
  iphone('iPhone XR', ['iPhone11,8']),
  iphone('iPhone 11', ['iPhone 11 Pro', 'iPhone 11 Pro Max', 'iPhone12,1', 'iPhone12,3', 'iPhone12,5']),
  iphone('iPhone SE (2nd generation)', ['iPhone SE 2020', 'iPhone12,8']),
  iphone('iPhone 12', [
    'iPhone 12 mini',
    'iPhone 12 Pro',
    'iPhone 12 Pro Max',
    'iPhone13,1',
    'iPhone13,2',
    'iPhone13,3',
    'iPhone13,4',
  ]),
  iphone('iPhone 13', [
    'iPhone 13 mini',
    'iPhone 13 Pro',
    'iPhone 13 Pro Max',
    'iPhone14,2',
    'iPhone14,3',
    'iPhone14,4',
    'iPhone14,5',
  ]),
  iphone('iPhone SE (3rd generation)', ['iPhone SE 2022', 'iPhone14,6']),
  iphone(
    'iPhone 14',
    [
      'iPhone 14 Plus',
      'iPhone 14 Pro',
      'iPhone 14 Pro Max',
      'iPhone14,7',
      'iPhone14,8',
      'iPhone15,2',
      'iPhone15,3',
    ],
    US_ESIM_ONLY,
  ),
  iphone(
    'iPhone 15',
    [
      'iPhone 15 Plus',
      'iPhone 15 Pro',
      'iPhone 15 Pro Max',
      'iPhone15,4',
      'iPhone15,5',
      'iPhone16,1',
      'iPhone16,2',
    ],
    US_ESIM_ONLY,
  ),
  iphone(
    'iPhone 16',
    [
      'iPhone 16 Plus',
      'iPhone 16 Pro',
      'iPhone 16 Pro Max',
      'iPhone 16e',
      'iPhone17,1',
      'iPhone17,2',
      'iPhone17,3',
      'iPhone17,4',
      'iPhone17,5',
    ],
    US_ESIM_ONLY,
  ),
  iphone('iPhone 17', ['iPhone 17 Pro', 'iPhone 17 Pro Max', 'iPhone Air'], US_ESIM_ONLY),
  // The model number (Settings > General > About, tap the model) names the region: these are the mainland
  // China (and Hong Kong / Macau) iPhone 14 and 15 models, which have two SIM trays and no eSIM. The numbers follow
  // Apple's per-region pattern (Macworld 2023-08-17 lists the iPhone 14 family's five numbers per model; India's BIS
  // listed A3090/A3094, the iPhone 15 "other countries" models, not these); confirm new ones against Apple's
  // "Identify your iPhone model" page before adding them.
  without(
    'Apple',
    'iPhone (mainland China models)',
    ['A2884', 'A2888', 'A2892', 'A2896', 'A3092', 'A3096', 'A3104', 'A3108'],
    {
      'zh-CN':
        '这是中国大陆版（港澳版同款）iPhone：双实体卡，没有 eSIM。请使用实体 SIM 卡，或换一部海外版手机。',
      en: 'This is a mainland China (also Hong Kong / Macau) iPhone: two physical SIM slots and no eSIM. Use a physical SIM, or a phone sold elsewhere.',
    },
  ),
  android('Google', 'Pixel 3', ['Pixel 3 XL', 'Pixel 3a', 'Pixel 3a XL']),
  android('Google', 'Pixel 4', ['Pixel 4 XL', 'Pixel 4a', 'Pixel 4a (5G)']),
  android('Google', 'Pixel 5', ['Pixel 5a']),
  android('Google', 'Pixel 6', ['Pixel 6 Pro', 'Pixel 6a']),
  android('Google', 'Pixel 7', ['Pixel 7 Pro', 'Pixel 7a', 'Pixel Fold']),
  android('Google', 'Pixel 8', ['Pixel 8 Pro', 'Pixel 8a']),
  android('Google', 'Pixel 9', ['Pixel 9 Pro', 'Pixel 9 Pro XL', 'Pixel 9 Pro Fold', 'Pixel 9a']),
  android('Google', 'Pixel 10', ['Pixel 10 Pro', 'Pixel 10 Pro XL', 'Pixel 10 Pro Fold']),
  android('Samsung', 'Galaxy S20', ['Galaxy S20+', 'Galaxy S20 Ultra', 'SM-G981U', 'SM-G986U', 'SM-G988U']),
  android('Samsung', 'Galaxy S21', ['Galaxy S21+', 'Galaxy S21 Ultra', 'SM-G991U', 'SM-G996U', 'SM-G998U']),
  android('Samsung', 'Galaxy S22', ['Galaxy S22+', 'Galaxy S22 Ultra', 'SM-S901U', 'SM-S906U', 'SM-S908U']),
  android('Samsung', 'Galaxy S23', [
    'Galaxy S23+',
    'Galaxy S23 Ultra',
    'Galaxy S23 FE',
    'SM-S911U',
    'SM-S911B',
    'SM-S916U',
    'SM-S918U',
  ]),
  android('Samsung', 'Galaxy S24', [
    'Galaxy S24+',
    'Galaxy S24 Ultra',
    'SM-S921U',
    'SM-S921B',
    'SM-S926U',
    'SM-S928U',
  ]),
  android('Samsung', 'Galaxy S25', ['Galaxy S25+', 'Galaxy S25 Ultra', 'SM-S931U', 'SM-S936U', 'SM-S938U']),
  android('Samsung', 'Galaxy Z Flip', [
    'Galaxy Z Flip3',
    'Galaxy Z Flip4',
    'Galaxy Z Flip5',
    'Galaxy Z Flip6',
  ]),
  android('Samsung', 'Galaxy Z Fold', [
    'Galaxy Z Fold3',
    'Galaxy Z Fold4',
    'Galaxy Z Fold5',
    'Galaxy Z Fold6',
  ]),
  android('Motorola', 'razr', ['razr 2022', 'razr+', 'razr 40', 'edge 40']),
  android('OnePlus', 'OnePlus 11', ['OnePlus 12', 'OnePlus 13']),
  without('Xiaomi', 'Xiaomi (mainland China models)', ['Redmi', 'Mi'], {
    'zh-CN': '国行小米 / 红米手机不支持 eSIM（部分海外版支持，请查看手机设置中是否有 eSIM 选项）。',
    en: 'Xiaomi and Redmi phones sold in mainland China have no eSIM (some overseas models do: look for eSIM in the phone’s settings).',
  }),
  without('Huawei', 'Huawei (mainland China models)', ['Mate', 'nova'], {
    'zh-CN': '国行华为手机不支持 eSIM（部分海外版 P40 / Mate 40 支持）。',
    en: 'Huawei phones sold in mainland China have no eSIM (some overseas P40 / Mate 40 models do).',
  }),
];

export type CompatibilityVerdict = 'compatible' | 'not_compatible' | 'unknown';

export type CompatibilityReason =
  | 'eid_valid'
  | 'model_listed'
  | 'model_without_esim'
  | 'model_not_listed'
  | 'ios_too_old'
  | 'ios_model_hidden'
  | 'android_model_hidden'
  | 'not_a_phone';

export interface CompatibilityCheck {
  verdict: CompatibilityVerdict;
  reason: CompatibilityReason;
  device: CompatibleDevice | undefined;
}

const normalized = (text: string) => text.toLowerCase().replace(/[^a-z0-9+,]/g, '');
const INDEX = new Map<string, CompatibleDevice>();
for (const device of DEVICES) {
  for (const name of [device.model, ...device.aliases]) INDEX.set(normalized(name), device);
}

/** The listed device a model name or identifier names, if any (case, spaces and brand prefixes ignored). */
export function findDevice(model: string): CompatibleDevice | undefined {
  const key = normalized(model);
  return INDEX.get(key) ?? INDEX.get(key.replace(/^(apple|google|samsung)/, ''));
}

export function checkByModel(model: string): CompatibilityCheck {
  const device = findDevice(model);
  if (!device) return { verdict: 'unknown', reason: 'model_not_listed', device: undefined };
  return device.esim
    ? { verdict: 'compatible', reason: 'model_listed', device }
    : { verdict: 'not_compatible', reason: 'model_without_esim', device };
}

/** A valid EID proves an eSIM chip. Undefined when `eid` is not one (the caller answers a 400). */
export function checkByEid(eid: string): CompatibilityCheck | undefined {
  return parseEid(eid) ? { verdict: 'compatible', reason: 'eid_valid', device: undefined } : undefined;
}

/**
 * From the browser's user agent: an iPhone says only its iOS version (eSIM needs 12.1 or later, and the XS
 * or newer: unknown until the customer names the model); Android says `Android 14; Pixel 8` unless the browser
 * reduces it to `Android 10; K`.
 */
export function checkByUserAgent(userAgent: string): CompatibilityCheck {
  const ios = /iPhone; CPU iPhone OS (\d+)_(\d+)/.exec(userAgent);
  if (ios) {
    const [major, minor] = [Number(ios[1]), Number(ios[2])];
    if (major < 12 || (major === 12 && minor < 1))
      return { verdict: 'not_compatible', reason: 'ios_too_old', device: undefined };
    return { verdict: 'unknown', reason: 'ios_model_hidden', device: undefined };
  }
  const androidModel = /Android [\d.]+; ([^;)]+?)(?: Build\/[^;)]*)?\)/.exec(userAgent);
  if (androidModel) {
    const model = androidModel[1]!.trim();
    if (model === 'K') return { verdict: 'unknown', reason: 'android_model_hidden', device: undefined };
    const byModel = checkByModel(model);
    return byModel.device ? byModel : { verdict: 'unknown', reason: 'model_not_listed', device: undefined };
  }
  return { verdict: 'unknown', reason: 'not_a_phone', device: undefined };
}

/** Each answer's reason as the customer reads it. */
export const REASON_TEXT: Record<CompatibilityReason, LocalizedText> = {
  eid_valid: {
    'zh-CN': '这是有效的 EID：您的设备带有 eSIM 芯片。',
    en: 'That is a valid EID: your device has an eSIM chip.',
  },
  model_listed: { 'zh-CN': '该机型支持 eSIM。', en: 'This model supports eSIM.' },
  model_without_esim: { 'zh-CN': '该机型不支持 eSIM。', en: 'This model does not support eSIM.' },
  model_not_listed: {
    'zh-CN': '我们的列表中没有这个机型：请在手机设置中查找 EID 或“添加 eSIM”选项，或输入 EID 检查。',
    en: 'This model is not on our list: look for an EID or "Add eSIM" in the phone’s settings, or check by EID.',
  },
  ios_too_old: {
    'zh-CN': 'eSIM 需要 iOS 12.1 或更高版本，以及 iPhone XS / XR 或更新的机型。',
    en: 'eSIM needs iOS 12.1 or later on an iPhone XS / XR or newer.',
  },
  ios_model_hidden: {
    'zh-CN': '浏览器不会透露 iPhone 型号：iPhone XS / XR 及之后的机型支持 eSIM，请选择您的机型确认。',
    en: 'Browsers do not reveal the iPhone model: the XS / XR and later support eSIM; choose your model to be sure.',
  },
  android_model_hidden: {
    'zh-CN': '浏览器隐藏了手机型号：请输入机型或 EID 检查。',
    en: 'Your browser hides the phone model: enter the model or the EID.',
  },
  not_a_phone: {
    'zh-CN': '这看起来不是手机浏览器：请输入要安装 eSIM 的手机型号或 EID。',
    en: 'This does not look like a phone: enter the model or EID of the phone the eSIM is for.',
  },
};

/**
 * The reason a customer reads: a phone listed without eSIM says why in its own note (an iPhone before the XS,
 * a mainland-China Xiaomi), which tells more than "this model does not support eSIM"; otherwise the reason's text.
 */
export function reasonTextOf(check: CompatibilityCheck): LocalizedText {
  if (check.verdict === 'not_compatible' && check.device?.note) return check.device.note;
  return REASON_TEXT[check.reason];
}

/** Said with every answer: an eSIM works only on a phone the carrier has unlocked. */
export const UNLOCK_CAVEAT: LocalizedText = {
  'zh-CN': '手机必须已解锁（非运营商合约锁定），否则无法使用其他运营商的 eSIM。',
  en: 'The phone must be carrier-unlocked, or another carrier’s eSIM will not work on it.',
};
