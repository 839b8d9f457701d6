import { pickText, type Locale, type LocalizedText } from '../../kernel/i18n/index.js';

/**
 * An operator as a customer calls it. Airtime providers name operators for their own lists, with the country and
 * the product line appended ("China Mobile China", "T-Mobile PIN United States", "AT&T United States Bundles"):
 * the well-known operators get their own name in each language (中国移动, T-Mobile), any other keeps the
 * provider's name without the country and product-line words.
 */

const KNOWN_OPERATORS: [RegExp, LocalizedText][] = [
  [/china\s*mobile|中国移动/i, { 'zh-CN': '中国移动', en: 'China Mobile' }],
  [/china\s*unicom|中国联通/i, { 'zh-CN': '中国联通', en: 'China Unicom' }],
  [/china\s*telecom|中国电信/i, { 'zh-CN': '中国电信', en: 'China Telecom' }],
  [/china\s*broadnet|中国广电/i, { 'zh-CN': '中国广电', en: 'China Broadnet' }],
  [/\bmint\b/i, { 'zh-CN': 'Mint Mobile', en: 'Mint Mobile' }],
  [/cricket/i, { 'zh-CN': 'Cricket Wireless', en: 'Cricket Wireless' }],
  [/metro/i, { 'zh-CN': 'Metro by T-Mobile', en: 'Metro by T-Mobile' }],
  [/t-?mobile/i, { 'zh-CN': 'T-Mobile', en: 'T-Mobile' }],
  [/at&t|\batt\b/i, { 'zh-CN': 'AT&T', en: 'AT&T' }],
  [/verizon/i, { 'zh-CN': 'Verizon', en: 'Verizon' }],
  [/ultra\s*mobile/i, { 'zh-CN': 'Ultra Mobile', en: 'Ultra Mobile' }],
  [/h2o/i, { 'zh-CN': 'H2O Wireless', en: 'H2O Wireless' }],
  [/lyca/i, { 'zh-CN': 'Lycamobile', en: 'Lycamobile' }],
];

/** Words providers put after the name (the country, the product line), in any order, up to the end. */
const APPENDED_WORDS =
  /(?:\s+(?:United States(?: of America)?|USA|US|China|Mainland China|PRC|Bundles?|Data|PIN|Airtime|Top-?ups?))+$/i;

export function operatorDisplayName(providerName: string, locale: Locale): string {
  for (const [pattern, name] of KNOWN_OPERATORS)
    if (pattern.test(providerName)) return pickText(name, locale);
  const stripped = providerName.replace(APPENDED_WORDS, '').trim();
  return stripped || providerName;
}

/** The operator's name in every language, for a message translated later (an error's values). */
export function operatorNames(providerName: string): LocalizedText {
  return { 'zh-CN': operatorDisplayName(providerName, 'zh-CN'), en: operatorDisplayName(providerName, 'en') };
}
