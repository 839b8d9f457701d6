import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldError, FormAlert, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { formatPrice } from '../../ui/format';
import { api } from '../../ui/http';
import { useRoute } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { CnyEstimate, CnyRateNote } from '../CnyEstimate';
import { useSession } from '../session';
import { MoneyText, useMethodName } from './MoneyText';
import { PayButton } from './PayButton';
import { QuoteSummary } from './QuoteSummary';
import { followPayment, orderAndPay } from './orderAndPay';
import type { ApiRequest, CheckoutOptions, Method, Quote } from '../../api/types';

/**
 * 钱包充值: pick an amount and a method, see the locked quote (CNY for Alipay and WeChat Pay), pay. One
 * Idempotency-Key per click and a disabled button while in flight, so nothing is charged twice.
 */
export function TopUpPage() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const { navigate } = useRoute();
  const methodName = useMethodName();
  const load = useLoad();
  const quoting = useAction();
  const paying = useAction();
  const [options, setOptions] = useState<CheckoutOptions | null>(null);
  const [amountMinor, setAmountMinor] = useState<number | null>(2000);
  const [custom, setCustom] = useState('');
  const [method, setMethod] = useState<Method>('alipay');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const csrfToken = session?.csrf_token;

  useEffect(() => {
    if (!session) return;
    void load
      .run(() => api<CheckoutOptions>('/v1/checkout/options', { locale }))
      .then((loaded) => loaded && setOptions(loaded));
  }, [session?.id]); // once per session

  const chosenAmount = (): number | null => {
    if (amountMinor !== null) return amountMinor;
    const parsed = /^\d{1,6}(\.\d{1,2})?$/.exec(custom.trim());
    if (!parsed) return null;
    const [whole, fraction = ''] = custom.trim().split('.');
    return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  };

  const getQuote = async (event: FormEvent) => {
    event.preventDefault();
    setQuote(null);
    setDuplicateOf(null);
    const amount = chosenAmount();
    const body: ApiRequest<'/v1/quotes', 'post'> = {
      product: { type: 'wallet_credit', amount_minor: amount ?? -1, currency: 'USD' },
      method,
    };
    const created = await quoting.run((idempotencyKey) =>
      api<Quote>('/v1/quotes', { method: 'POST', body, locale, csrfToken, idempotencyKey }),
    );
    if (created) setQuote(created);
  };

  const pay = async (confirmDuplicate = false) => {
    if (!quote) return;
    const payment = await paying.run((idempotencyKey) =>
      orderAndPay({
        quoteId: quote.id,
        confirmDuplicate,
        idempotencyKey,
        locale,
        csrfToken,
        onDuplicate: setDuplicateOf,
      }),
    );
    if (payment) followPayment(payment, navigate);
  };

  const feeText = (entry: CheckoutOptions['methods'][number]) => {
    if (options?.first_top_up_fee_waived) return t('topUp.feeWaivedFirst');
    const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(
      entry.fee_percent_bps / 100,
    );
    return entry.fee_fixed.amount_minor > 0
      ? t('topUp.feePercentPlus', { percent })
      : t('topUp.feePercent', { percent });
  };

  return (
    <AccountLayout title={t('topUp.title')}>
      <FormAlert error={load.error} />
      {options ? (
        <form className="top-up" onSubmit={(event) => void getQuote(event)} noValidate>
          <fieldset>
            <legend>{t('topUp.amount')}</legend>
            <div className="choice-grid">
              {options.wallet_top_up.presets.map((preset) => (
                <label key={preset.amount_minor} className="choice">
                  <input
                    type="radio"
                    name="amount"
                    checked={amountMinor === preset.amount_minor}
                    onChange={() => {
                      setAmountMinor(preset.amount_minor);
                      setQuote(null);
                    }}
                  />
                  <span>
                    <MoneyText money={preset} />
                    <CnyEstimate money={preset} amountOnly />
                  </span>
                </label>
              ))}
              <label className="choice">
                <input
                  type="radio"
                  name="amount"
                  checked={amountMinor === null}
                  onChange={() => {
                    setAmountMinor(null);
                    setQuote(null);
                  }}
                />
                {t('topUp.other')}
              </label>
            </div>
            <CnyRateNote />
            {amountMinor === null ? (
              <div className="field">
                <label htmlFor="custom-amount">{t('topUp.customAmount')}</label>
                <input
                  id="custom-amount"
                  inputMode="decimal"
                  value={custom}
                  onChange={(event) => {
                    setCustom(event.target.value);
                    setQuote(null);
                  }}
                  aria-invalid={fieldError(quoting.error, 'amount_minor') ? true : undefined}
                />
                <p className="field__hint">
                  {t('topUp.range', {
                    minimum: formatPrice(locale, options.wallet_top_up.minimum.amount_minor, 'USD'),
                    maximum: formatPrice(locale, options.wallet_top_up.maximum.amount_minor, 'USD'),
                  })}
                </p>
              </div>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>{t('topUp.method')}</legend>
            <div className="method-list">
              {options.methods.map((entry) => (
                <label key={entry.method} className="choice choice--wide">
                  <input
                    type="radio"
                    name="method"
                    value={entry.method}
                    checked={method === entry.method}
                    onChange={() => {
                      setMethod(entry.method);
                      setQuote(null);
                    }}
                  />
                  <span className="choice__title">{methodName(entry.method)}</span>
                  <span className="choice__detail">
                    {entry.charge_currency === 'CNY' ? t('topUp.paysInCny') : t('topUp.paysInUsd')} ·{' '}
                    {feeText(entry)}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <FormAlert error={quoting.error} />
          <SubmitButton busy={quoting.busy}>{t('topUp.getQuote')}</SubmitButton>
        </form>
      ) : null}
      {quote ? (
        <>
          <QuoteSummary quote={quote} onExpired={() => setQuote({ ...quote, expired: true })} />
          <FormAlert error={paying.error} />
          <PayButton
            charge={quote.charge}
            method={quote.method}
            busy={paying.busy}
            disabled={quote.expired}
            duplicate={duplicateOf !== null}
            onPay={(confirm) => void pay(confirm)}
          />
        </>
      ) : null}
    </AccountLayout>
  );
}
