import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useAction } from '../../ui/forms';
import { api, type ApiError } from '../../ui/http';
import { useRoute } from '../../ui/router';
import { FeeRule } from '../FeeRule';
import { useSession } from '../session';
import { useMethodName } from './MoneyText';
import { PayButton } from './PayButton';
import { QuoteSummary } from './QuoteSummary';
import { followPayment, orderAndPay } from './orderAndPay';
import type { ApiRequest, CheckoutOptions, Quote } from '../../api/types';
import type { EsimQuoteProduct } from '../esim/types';

/** Every method a customer can pay a product with, in the order they are offered. */
export const CHECKOUT_METHODS = ['alipay', 'wechat_pay', 'card', 'apple_pay', 'paypal', 'wallet'] as const;
type CheckoutMethod = (typeof CHECKOUT_METHODS)[number];
export type QuoteProduct = ApiRequest<'/v1/quotes', 'post'>['product'] | EsimQuoteProduct;

/**
 * The checkout's last two steps, the same for a line top-up, a new eSIM and an eSIM top-up: choose the method (its
 * fee rule stated first), get the locked quote, pay. Placing the order and starting its payment share one
 * Idempotency-Key per click, so nothing is charged twice; a provider's page is opened, else the order page.
 * Another `product` (another offer, amount or package) drops the quote and starts a new key.
 */
export function CheckoutSteps({
  product,
  onQuoteError,
}: {
  /** null until the customer has chosen what to buy: the quote button waits. */
  product: QuoteProduct | null;
  /** The quote's error, for a field of the step above (the amount) to mark itself. */
  onQuoteError?: (error: ApiError | null) => void;
}) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const { navigate } = useRoute();
  const methodName = useMethodName();
  const quoting = useAction();
  const paying = useAction();
  const [method, setMethod] = useState<CheckoutMethod>('alipay');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [firstWaived, setFirstWaived] = useState(false);
  const csrfToken = session?.csrf_token;
  const productKey = product ? JSON.stringify(product) : '';

  useEffect(() => {
    if (!session) return;
    void api<CheckoutOptions>('/v1/checkout/options', { locale })
      .then((options) => setFirstWaived(options.first_top_up_fee_waived))
      .catch(() => setFirstWaived(false));
  }, [session?.id]);
  useEffect(() => {
    setQuote(null);
    quoting.clear(); // another product is another request: a new idempotency key
  }, [productKey]);
  useEffect(() => onQuoteError?.(quoting.error), [quoting.error]);

  const getQuote = async () => {
    if (!product) return;
    setQuote(null);
    const created = await quoting.run((idempotencyKey) =>
      api<Quote>('/v1/quotes', {
        method: 'POST',
        body: { product, method },
        locale,
        csrfToken,
        idempotencyKey,
      }),
    );
    if (created) setQuote(created);
  };
  const duplicate = paying.error?.code === 'possible_duplicate_payment';
  const pay = async (confirmDuplicate = false) => {
    if (!quote) return;
    const result = await paying.run((idempotencyKey) =>
      orderAndPay({ quoteId: quote.id, confirmDuplicate, idempotencyKey, locale, csrfToken }),
    );
    if (result) followPayment(result, navigate);
  };

  return (
    <>
      <li className="buy-step">
        <fieldset className="buy-step__group">
          <legend className="buy-step__title">{t('topUp.method')}</legend>
          <FeeRule methods={[...CHECKOUT_METHODS]} firstWaived={firstWaived} />
          <div className="choice-list choice-list--methods">
            {CHECKOUT_METHODS.map((entry) => (
              <label key={entry} className="choice">
                <input
                  type="radio"
                  name="method"
                  checked={method === entry}
                  onChange={() => {
                    setMethod(entry);
                    setQuote(null);
                    quoting.clear();
                  }}
                />
                {methodName(entry)}
              </label>
            ))}
          </div>
        </fieldset>
      </li>
      <li className="buy-step">
        <h3 className="buy-step__title">{t('line.step.price')}</h3>
        <p className="field__hint">{t('line.priceHint')}</p>
        <FormAlert error={quoting.error} />
        <div className="buy-step__actions">
          <button
            type="button"
            className={`button ${quote ? 'button--secondary' : 'button--primary'}`}
            disabled={!product || quoting.busy}
            onClick={() => void getQuote()}
          >
            {t('topUp.getQuote')}
          </button>
        </div>
        {quote ? (
          <>
            <QuoteSummary quote={quote} onExpired={() => setQuote({ ...quote, expired: true })} />
            <FormAlert error={paying.error} />
            <PayButton
              charge={quote.charge}
              method={quote.method}
              busy={paying.busy}
              disabled={quote.expired}
              duplicate={duplicate}
              onPay={(confirm) => void pay(confirm)}
            />
          </>
        ) : null}
      </li>
    </>
  );
}
