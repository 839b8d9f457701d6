import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import type { ApiAnswer } from '../../api/types';

type RefillPin = ApiAnswer<'/v1/orders/{id}/pin', 'get', 200>;

/**
 * 充值卡密: masked until the customer asks; then read from the API (only the order's owner can) and shown with
 * how to redeem it. Hiding it again forgets it.
 */
export function PinReveal({ orderId, masked }: { orderId: string; masked: string }) {
  const { t, locale } = useI18n();
  const load = useLoad();
  const [pin, setPin] = useState<RefillPin | null>(null);
  const [copied, setCopied] = useState(false);
  const reveal = async () => {
    const loaded = await load.run(() =>
      api<RefillPin>(`/v1/orders/${encodeURIComponent(orderId)}/pin`, { locale }),
    );
    if (loaded) setPin(loaded);
  };
  const copy = async () => {
    if (!pin) return;
    await navigator.clipboard?.writeText(pin.code).catch(() => undefined);
    setCopied(true);
  };
  return (
    <section className="pin-reveal" aria-labelledby="pin-heading">
      <h2 id="pin-heading">{t('pin.title')}</h2>
      <FormAlert error={load.error} />
      {pin ? (
        <>
          <dl className="order-facts">
            <dt>{t('pin.code')}</dt>
            <dd>
              <output className="pin-reveal__code" aria-label={t('pin.code')}>
                {pin.code}
              </output>
            </dd>
            {pin.serial ? (
              <>
                <dt>{t('pin.serial')}</dt>
                <dd>{pin.serial}</dd>
              </>
            ) : null}
            {pin.validity ? (
              <>
                <dt>{t('pin.validity')}</dt>
                <dd>{pin.validity}</dd>
              </>
            ) : null}
          </dl>
          <p className="row-actions">
            <button type="button" className="button button--secondary" onClick={() => void copy()}>
              {copied ? t('pin.copied') : t('pin.copy')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded="true"
              onClick={() => {
                setPin(null);
                setCopied(false);
              }}
            >
              {t('pin.hide')}
            </button>
          </p>
          <h3>{t('pin.howTo')}</h3>
          <ol className="pin-reveal__steps">
            {pin.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          {pin.carrier_note.length > 0 ? (
            <details>
              <summary>{t('pin.carrierNote')}</summary>
              {pin.carrier_note.map((line) => (
                <p key={line} lang="en">
                  {line}
                </p>
              ))}
            </details>
          ) : null}
        </>
      ) : (
        <p className="row-actions">
          <span>{t('pin.masked', { masked })}</span>
          <button
            type="button"
            className="button button--primary"
            aria-expanded="false"
            disabled={load.busy}
            onClick={() => void reveal()}
          >
            {t('pin.reveal')}
          </button>
        </p>
      )}
    </section>
  );
}
