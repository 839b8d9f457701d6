import { useI18n } from '../../i18n/I18nProvider';

/** Whole days from now until `iso`, rounded up (0 once it has passed). */
function daysUntil(iso: string): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000));
}

/** "还剩 30 天" beside an expiry, amber in its last three days, "已过期" after it. */
export function DaysLeft({ expiresAt }: { expiresAt: string }) {
  const { t, plural } = useI18n();
  const days = daysUntil(expiresAt);
  return (
    <span className={`line-fact__days${days <= 3 ? ' line-fact__days--soon' : ''}`}>
      {days === 0 ? t('line.expired') : plural('line.daysLeft', days)}
    </span>
  );
}
