import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from '../session';
import type { Order } from '../../api/types';

type Delivery = NonNullable<Order['delivery']>;

/** The current time, once a second while `live` (a countdown on screen). */
function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [live]);
  return now;
}

/**
 * 到账情况: what is happening to a paid top-up, honestly. "Usually within a minute" only on a first attempt that is
 * being sent; a refused attempt says why, counts down to the next one and says by when the money comes back if
 * the attempts left fail too.
 */
export function DeliveryState({ delivery }: { delivery: Delivery }) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const scheduled = delivery.next_attempt_at ? Date.parse(delivery.next_attempt_at) : undefined;
  const now = useNow(scheduled !== undefined);
  const clock = (iso: string) =>
    new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: session?.customer.time_zone }).format(
      new Date(iso),
    );
  const countdown = (untilMs: number) => {
    const seconds = Math.max(0, Math.ceil((untilMs - now) / 1_000));
    const minutes = Math.floor(seconds / 60);
    return minutes > 0
      ? t('delivery.countdown', { minutes, seconds: String(seconds % 60).padStart(2, '0') })
      : t('delivery.countdownSeconds', { seconds });
  };
  const due = scheduled !== undefined && scheduled <= now;
  const maxAttempts = delivery.max_attempts ?? delivery.attempts;
  const attempt = { attempt: delivery.attempts, max: maxAttempts };

  switch (delivery.phase) {
    case 'delivered':
      return <p>{t('delivery.delivered')}</p>;
    case 'failed':
      return <p>{t('delivery.failed')}</p>;
    case 'processing':
      return <p>{t('delivery.processing')}</p>;
    case 'confirming':
      return (
        <div className="delivery-state">
          <p>{t('delivery.confirming')}</p>
          {scheduled !== undefined ? (
            <p className="delivery-state__next">
              {due
                ? t('delivery.retryingNow')
                : t('delivery.confirmingIn', { countdown: countdown(scheduled) })}
            </p>
          ) : null}
        </div>
      );
    case 'waiting_retry':
      return (
        <div className="delivery-state delivery-state--waiting">
          <p>
            {t('delivery.waiting', {
              ...attempt,
              reason: t(`delivery.reason.${delivery.reason ?? 'carrier_declined'}`),
            })}
          </p>
          {scheduled !== undefined && delivery.next_attempt_at ? (
            <p className="delivery-state__next">
              {due
                ? t('delivery.retryingNow')
                : t('delivery.retryIn', {
                    countdown: countdown(scheduled),
                    time: clock(delivery.next_attempt_at),
                  })}
            </p>
          ) : null}
          {delivery.refund_by ? (
            <p>
              {delivery.attempts + 1 >= maxAttempts
                ? t('delivery.lastAttempt')
                : t('delivery.refundBy', { time: clock(delivery.refund_by) })}
            </p>
          ) : null}
        </div>
      );
    case 'submitting':
      if (delivery.attempts > 1) return <p>{t('delivery.submittingAgain', attempt)}</p>;
      return (
        <p>
          {t('delivery.submittingFirst')} ·{' '}
          {delivery.eta_minutes === 0
            ? t('delivery.usuallyInstant')
            : t('delivery.usuallyMinutes', { minutes: delivery.eta_minutes })}
        </p>
      );
  }
}
