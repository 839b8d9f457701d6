import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, FormAlert, formText, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { formatDataAmount } from '../../ui/format';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { MoneyText, useMethodName } from '../wallet/MoneyText';
import { PayButton } from '../wallet/PayButton';
import { FeeRule } from '../FeeRule';
import { OfferChoice, useAmountLabel } from './OfferChoice';
import { formatPrice } from '../../ui/format';
import { QuoteSummary } from '../wallet/QuoteSummary';
import { usePhoneFormat } from '../../ui/phone';
import type {
  ApiList,
  ApiRequest,
  CheckoutOptions,
  LineSummary,
  Offer,
  OfferKind,
  Order,
  Payment,
  Plan,
  Quote,
} from '../../api/types';

const KINDS: OfferKind[] = ['bundle', 'airtime', 'data', 'pin'];
const METHODS = ['alipay', 'wechat_pay', 'card', 'apple_pay', 'paypal', 'wallet'] as const;
const PLAN_ID = /^plan_[0-9a-z]{26}$/;

/** 个人中心 of one line: plan, balance, expiry, data where reported, history — and 充值 / 续费 / 加流量 / 卡密. */
export function LinePage({ lineId }: { lineId: string }) {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useSession();
  const { query } = useRoute();
  const load = useLoad();
  const [summary, setSummary] = useState<LineSummary | null>(null);
  const [offers, setOffers] = useState<Offer[]>([]);
  // A plan chosen on the home page: its offer is chosen here already.
  const planId = PLAN_ID.test(query.get('plan') ?? '') ? query.get('plan')! : null;
  const [plan, setPlan] = useState<Plan | null>(null);

  useEffect(() => {
    if (!planId) return setPlan(null);
    void api<Plan>(`/v1/plans/${planId}`, { locale })
      .then(setPlan)
      .catch(() => setPlan(null));
  }, [planId, locale]);

  useEffect(() => {
    if (!session) return;
    void load
      .run(async () => {
        const [loaded, listed] = await Promise.all([
          api<LineSummary>(`/v1/lines/${lineId}/summary`, { locale }),
          api<ApiList<'/v1/offers'>>(`/v1/offers?line=${lineId}`, { locale }),
        ]);
        return { loaded, listed };
      })
      .then((result) => {
        if (!result) return;
        setSummary(result.loaded);
        setOffers(result.listed.data);
      });
  }, [session?.id, lineId, locale]);

  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: session?.customer.time_zone,
    }).format(new Date(iso));
  const line = summary?.line;
  return (
    <AccountLayout title={line ? (line.nickname ?? formatPhone(line.phone)) : t('lines.title')}>
      <FormAlert error={load.error} />
      {summary && line ? (
        <>
          <p className="line-head">
            {formatPhone(line.phone)} ·{' '}
            {line.operator?.carrier?.name ?? line.operator?.name ?? t('lines.carrierUnknown')}
          </p>
          {summary.in_progress > 0 ? (
            <p className="notice" role="status">
              {t('line.inProgress', { count: summary.in_progress })}
            </p>
          ) : null}
          <div className="line-facts">
            <section className="line-fact" aria-labelledby="plan-heading">
              <h2 id="plan-heading">{t('line.plan')}</h2>
              {summary.plan ? (
                <>
                  <p className="line-fact__value">{summary.plan.name}</p>
                  {summary.plan.expires_at ? (
                    <p>{t('line.validUntil', { date: when(summary.plan.expires_at) })}</p>
                  ) : null}
                </>
              ) : (
                <p>{t('line.noPlan')}</p>
              )}
            </section>
            <section className="line-fact" aria-labelledby="balance-heading">
              <h2 id="balance-heading">{t('line.balance')}</h2>
              {summary.balance.reported && summary.balance.amount && summary.balance.as_of ? (
                <>
                  <p className="line-fact__value">
                    <MoneyText money={summary.balance.amount} />
                  </p>
                  <p className="field__hint">
                    {t('line.balanceAsOf', { date: when(summary.balance.as_of) })}
                  </p>
                </>
              ) : (
                <p>{t('line.balanceNotReported')}</p>
              )}
            </section>
            <section className="line-fact" aria-labelledby="data-heading">
              <h2 id="data-heading">{t('line.data')}</h2>
              <p>
                {summary.data.reported && summary.data.remaining_mb !== null
                  ? t('line.dataRemaining', { amount: formatDataAmount(locale, summary.data.remaining_mb) })
                  : t('line.dataNotReported')}
              </p>
            </section>
            <section className="line-fact" aria-labelledby="next-heading">
              <h2 id="next-heading">{t('line.nextCharge')}</h2>
              <p>{summary.next_charge_at ? when(summary.next_charge_at) : '—'}</p>
            </section>
          </div>
          <BuyPanel recipient={{ line: lineId }} offers={offers} plan={plan} />
          <h2>{t('line.history')}</h2>
          {summary.history.length === 0 ? <p>{t('line.noHistory')}</p> : null}
          {summary.history.length > 0 ? (
            <table className="data-table">
              <caption className="visually-hidden">{t('line.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('wallet.when')}</th>
                  <th scope="col">{t('wallet.what')}</th>
                  <th scope="col">{t('line.status')}</th>
                  <th scope="col" className="amount">
                    {t('wallet.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.history.map((row) => (
                  <tr key={row.order}>
                    <td>{when(row.created_at)}</td>
                    <td>
                      <Link href={`/account/orders/${row.order}`}>{row.product}</Link>
                      {row.pin ? (
                        <>
                          {` · ${t('pin.masked', { masked: row.pin })} `}
                          <Link href={`/account/orders/${row.order}`}>{t('pin.viewOnOrder')}</Link>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {row.status === 'queued' && row.attempts > 0
                        ? t('line.delivery.retrying')
                        : t(`line.delivery.${row.status}`)}
                    </td>
                    <td className="amount">
                      <MoneyText money={row.amount} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <LineSettings
            line={line}
            onRenamed={(renamed) =>
              setSummary((current) => (current ? { ...current, line: renamed } : current))
            }
          />
        </>
      ) : null}
    </AccountLayout>
  );
}

/** Choose a top-up, renewal, data pack or PIN and pay for it: the same locked quote as the wallet top-up. */
export function BuyPanel({
  recipient,
  offers,
  plan = null,
}: {
  recipient: { line: string } | { phone: string };
  offers: Offer[];
  /** A plan the customer chose on the home page: its offer starts chosen, or the page says why it cannot be. */
  plan?: Plan | null;
}) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const { navigate } = useRoute();
  const methodName = useMethodName();
  const amountLabel = useAmountLabel();
  const quoting = useAction();
  const paying = useAction();
  const [offerId, setOfferId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('alipay');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [firstWaived, setFirstWaived] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const csrfToken = session?.csrf_token;
  const chosen = offers.find((offer) => offer.id === offerId);
  const planOffer = plan ? offers.find((offer) => offer.plan === plan.id) : undefined;

  useEffect(() => {
    if (!session) return;
    void api<CheckoutOptions>('/v1/checkout/options', { locale })
      .then((options) => setFirstWaived(options.first_top_up_fee_waived))
      .catch(() => setFirstWaived(false));
  }, [session?.id]);
  useEffect(() => {
    if (!planOffer) return;
    setOfferId(planOffer.id);
    setQuote(null);
    sectionRef.current?.scrollIntoView({ block: 'start' });
  }, [planOffer?.id]);

  const planNotice = plan ? (
    planOffer ? (
      <p className="notice" role="status">
        {t('line.planPreselected', { plan: plan.name })}
      </p>
    ) : (
      <div className="notice" role="status">
        <p>{t('line.planNotForLine', { plan: plan.name, carrier: plan.carrier?.name ?? '' })}</p>
        <Link href={`/account/lines?plan=${plan.id}`}>{t('line.planChooseOther')}</Link>
      </div>
    )
  ) : null;
  if (offers.length === 0)
    return (
      <>
        {planNotice}
        <p>{t('line.noOffers')}</p>
      </>
    );

  const eta = (minutes: number) => (minutes === 0 ? t('line.etaInstant') : t('line.etaMinutes', { minutes }));
  const getQuote = async () => {
    if (!chosen) return;
    setQuote(null);
    // The amount goes as typed, with the offer's currency: the server checks range, currency and decimals.
    const typed = chosen.range ? { amount: amount.trim(), currency: chosen.range.minimum.currency } : {};
    const created = await quoting.run((idempotencyKey) =>
      api<Quote>('/v1/quotes', {
        method: 'POST',
        body: {
          product: { type: 'line_topup', product: chosen.id, ...recipient, ...typed },
          method,
        } satisfies ApiRequest<'/v1/quotes', 'post'>,
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
    const result = await paying.run(async (idempotencyKey) => {
      const order = await api<Order>('/v1/orders', {
        method: 'POST',
        body: { quote: quote.id } satisfies ApiRequest<'/v1/orders', 'post'>,
        locale,
        csrfToken,
        idempotencyKey: `${idempotencyKey}:order`,
      });
      const started = await api<Payment>(`/v1/orders/${order.id}/payments`, {
        method: 'POST',
        body: { confirm_duplicate: confirmDuplicate } satisfies ApiRequest<
          '/v1/orders/{id}/payments',
          'post'
        >,
        locale,
        csrfToken,
        idempotencyKey: `${idempotencyKey}:pay${confirmDuplicate ? ':confirmed' : ''}`,
      });
      return { order, started };
    });
    if (!result) return;
    if (result.started.next_action?.type === 'redirect') {
      window.location.assign(result.started.next_action.url);
      return;
    }
    navigate(`/account/orders/${result.order.id}`);
  };

  return (
    <section className="buy" aria-labelledby="buy-heading" ref={sectionRef}>
      <h2 id="buy-heading">{t('line.buy')}</h2>
      {planNotice}
      {KINDS.filter((kind) => offers.some((offer) => offer.kind === kind)).map((kind) => (
        <fieldset key={kind}>
          <legend>{t(`line.kind.${kind}`)}</legend>
          <div className="method-list">
            {offers
              .filter((offer) => offer.kind === kind)
              .map((offer) => (
                <OfferChoice
                  key={offer.id}
                  offer={offer}
                  checked={offerId === offer.id}
                  onChoose={() => {
                    setOfferId(offer.id);
                    setQuote(null);
                    quoting.clear();
                  }}
                >
                  {' · '}
                  {eta(offer.eta_minutes)}
                </OfferChoice>
              ))}
          </div>
        </fieldset>
      ))}
      {chosen?.range ? (
        <div className="field">
          <label htmlFor="topup-amount">{amountLabel(chosen.range.minimum.currency)}</label>
          <input
            id="topup-amount"
            inputMode="decimal"
            aria-describedby="topup-amount-hint"
            aria-invalid={quoting.error?.param === 'amount' ? true : undefined}
            value={amount}
            onChange={(event) => {
              setAmount(event.target.value);
              setQuote(null);
              quoting.clear(); // another amount is another request: a new idempotency key
            }}
          />
          <p id="topup-amount-hint" className="field__hint">
            {t('line.amountHint', {
              minimum: formatPrice(locale, chosen.range.minimum.amount_minor, chosen.range.minimum.currency),
              maximum: formatPrice(locale, chosen.range.maximum.amount_minor, chosen.range.maximum.currency),
            })}
            {chosen.fx
              ? ` · ${t('line.amountRate', { base: chosen.fx.base, quote: chosen.fx.quote, rate: chosen.fx.rate })}`
              : ''}
          </p>
        </div>
      ) : null}
      <fieldset>
        <legend>{t('topUp.method')}</legend>
        <FeeRule methods={[...METHODS]} firstWaived={firstWaived} />
        <div className="method-list">
          {METHODS.map((entry) => (
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
      <FormAlert error={quoting.error} />
      <button
        type="button"
        className="button button--secondary"
        disabled={!chosen || quoting.busy}
        onClick={() => void getQuote()}
      >
        {t('topUp.getQuote')}
      </button>
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
    </section>
  );
}

/** 号码设置: rename the line (a nickname such as 妈妈的手机) or take it off the account (orders stay). */
function LineSettings({
  line,
  onRenamed,
}: {
  line: LineSummary['line'];
  onRenamed: (line: LineSummary['line']) => void;
}) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const { navigate } = useRoute();
  const rename = useAction();
  const remove = useAction();
  const [saved, setSaved] = useState(false);
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const nickname = formText(new FormData(event.currentTarget), 'nickname').trim();
    const renamed = await rename.run(() =>
      api<LineSummary['line']>(`/v1/lines/${line.id}`, {
        method: 'PATCH',
        body: { nickname: nickname || null } satisfies ApiRequest<'/v1/lines/{id}', 'patch'>,
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (!renamed) return;
    onRenamed(renamed);
    setSaved(true);
  };
  const removeLine = async () => {
    if (!window.confirm(t('line.confirmRemove', { phone: line.phone }))) return;
    const done = await remove.run(async () => {
      await api<undefined>(`/v1/lines/${line.id}`, {
        method: 'DELETE',
        locale,
        csrfToken: session?.csrf_token,
      });
      return true;
    });
    if (done) navigate('/account/lines');
  };
  return (
    <section className="panel" aria-labelledby="line-settings">
      <h2 id="line-settings">{t('line.settings')}</h2>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <FormAlert error={rename.error} fields={['nickname']} />
        <Field
          label={t('lines.nickname')}
          name="nickname"
          defaultValue={line.nickname ?? ''}
          maxLength={100}
        />
        <SubmitButton busy={rename.busy}>{t('line.rename')}</SubmitButton>
        {saved ? <p role="status">{t('line.renamed')}</p> : null}
      </form>
      <FormAlert error={remove.error} />
      <p>{t('line.removeHint')}</p>
      <button
        type="button"
        className="button button--secondary"
        disabled={remove.busy}
        onClick={() => void removeLine()}
      >
        {t('line.remove')}
      </button>
    </section>
  );
}
