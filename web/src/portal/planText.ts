import type { I18n } from '../i18n/I18nProvider';
import { isMessageKey, type MessageKey } from '../i18n';
import { formatDataAmount, formatNumber, formatSpeed } from '../ui/format';
import type { Plan } from '../api/types';

/** The sentences a plan card shows, one function per fact, in the page's language. */

type Text = Pick<I18n, 'locale' | 't' | 'plural'>;

export function dataQuotaText({ locale, t }: Text, data: Plan['data']): string {
  const amount = formatDataAmount(locale, data.quota_mb);
  return data.unlimited ? t('plan.data.unlimited', { amount }) : t('plan.data.quota', { amount });
}

export function afterQuotaText({ locale, t }: Text, data: Plan['data']): string {
  const kbps = data.speed_after_quota_kbps;
  return kbps === null ? t('plan.data.stops') : t('plan.data.then', { speed: formatSpeed(locale, kbps) });
}

export function validityText({ locale, t, plural }: Text, validity: Plan['validity']): string {
  switch (validity.period) {
    case 'monthly':
      return t('plan.validity.monthly');
    case 'quarterly':
      return t('plan.validity.quarterly', { count: formatNumber(locale, validity.days) });
    default:
      return plural('plan.validity.days', validity.days);
  }
}

export function voiceText({ locale, t }: Text, voice: Plan['voice']): string {
  if (!voice.included) return t('plan.voice.none');
  if (voice.unlimited || voice.minutes === null) return t('plan.voice.unlimited');
  return t('plan.voice.minutes', { count: formatNumber(locale, voice.minutes) });
}

export function smsText({ locale, t }: Text, sms: Plan['sms']): string {
  if (!sms.included) return t('plan.sms.none');
  if (sms.unlimited || sms.count === null) return t('plan.sms.unlimited');
  return t('plan.sms.count', { count: formatNumber(locale, sms.count) });
}

type RegionKey = Extract<MessageKey, `region.${string}`>;

function isRegionKey(key: string): key is RegionKey {
  return key.startsWith('region.') && isMessageKey(key);
}

/** The region's name; a region the portal does not know yet is shown as the API names it. */
export function regionText({ t }: Text, region: string): string {
  const key = `region.${region}`;
  return isRegionKey(key) ? t(key) : region;
}

export function devicesText({ locale, t }: Text, devices: number): string {
  return devices > 1
    ? t('plan.devices.shared', { count: formatNumber(locale, devices) })
    : t('plan.devices.single');
}

export function simTypesText({ t }: Text, simTypes: Plan['sim_types']): string {
  return simTypes.map((simType) => t(`plan.simType.${simType}`)).join(t('plan.simTypes.separator'));
}
