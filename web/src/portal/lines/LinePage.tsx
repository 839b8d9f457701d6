import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, FormAlert, formText, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { formatDataAmount } from '../../ui/format';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { MoneyText } from '../wallet/MoneyText';
import { CheckoutSteps, type QuoteProduct } from '../wallet/Checkout';
import { CnyRateNote } from '../CnyEstimate';
import { OfferChoice, useAmountLabel } from './OfferChoice';
import { DaysLeft } from './DaysLeft';
import { formatPrice } from '../../ui/format';
import { usePhoneFormat } from '../../ui/phone';
import { esimOfLine } from '../esim/types';
import type { ApiList, ApiRequest, LineSummary, Offer, OfferKind, Plan } from '../../api/types';

const KINDS: OfferKind[] = ['bundle', 'airtime', 'data', 'pin'];
const PLAN_ID = /^plan_[0-9a-z]{26}$/;

/** 个人中心 of one line: plan, balance, expiry, data where reported, history — and 充值 / 续费 / 加流量 / 卡密. */
export function LinePage({ lineId }: { lineId: string }) {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useSession();
  const { query, navigate } = useRoute();
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
        try {
          const [loaded, listed] = await Promise.all([
            api<LineSummary>(`/v1/lines/${lineId}/summary`, { locale }),
            api<ApiList<'/v1/offers'>>(`/v1/offers?line=${lineId}`, { locale }),
          ]);
          return { loaded, listed };
        } catch (error) {
          // An eSIM line may have no summary or offers of a numbered line: its own page shows it.
          const plain = await api<object>(`/v1/lines/${lineId}`, { locale }).catch(() => null);
          const esim = plain ? esimOfLine(plain) : null;
          if (esim) {
            navigate(`/esims/${esim}`, { replace: true });
            return undefined;
          }
          throw error;
        }
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
  // An eSIM line has no number, top-ups or balance here: its own page shows it.
  const esimId = line ? esimOfLine(line) : null;
  useEffect(() => {
    if (esimId) navigate(`/esims/${esimId}`, { replace: true });
  }, [esimId]);
  const openBuy = () => {
    const buy = document.getElementById('buy-heading');
    buy?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    buy?.focus({ preventScroll: true });
  };
  return (
    <AccountLayout
      title={
        line
          ? (line.nickname ?? (line.phone ? formatPhone(line.phone) : t('lines.esimNoNumber')))
          : t('lines.title')
      }
      ownHeading
    >
      {summary && line ? null : <h1>{t('lines.title')}</h1>}
      <FormAlert error={load.error} />
      {summary && line ? (
        <>
          <LineHeadline summary={summary} when={when} onBuy={openBuy} />
          {summary.in_progress > 0 ? (
            <p className="notice notice--info" role="status">
              {t('line.inProgress', { count: summary.in_progress })}
            </p>
          ) : null}
          <BuyPanel recipient={{ line: lineId }} offers={offers} plan={plan} />
          <LineHistory history={summary.history} when={when} />
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

/**
 * The line at a glance: whose number on which carrier, the plan and how long it runs, the balance where the carrier
 * tells it, and the one action a customer comes for (充值 / 续费), which takes them to the purchase steps.
 */
function LineHeadline({
  summary,
  when,
  onBuy,
}: {
  summary: LineSummary;
  when: (iso: string) => string;
  onBuy: () => void;
}) {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { line, plan } = summary;
  const carrier = line.operator?.carrier?.name ?? line.operator?.name ?? t('lines.carrierUnknown');
  return (
    <section className="line-hero" aria-labelledby="line-heading">
      <div className="line-hero__top">
        <div className="line-hero__who">
          <span className="line-hero__carrier">{carrier}</span>
          <h1 id="line-heading">
            {line.nickname ?? (line.phone ? formatPhone(line.phone) : t('lines.esimNoNumber'))}
          </h1>
          {line.nickname ? (
            <p className="line-hero__number">
              {line.phone ? formatPhone(line.phone) : t('lines.esimNoNumber')}
            </p>
          ) : null}
        </div>
        <button type="button" className="button button--primary button--large line-hero__buy" onClick={onBuy}>
          {t('lines.topUpOrRenew')}
        </button>
      </div>
      <div className="line-facts">
        <section className="line-fact line-fact--plan" aria-labelledby="plan-heading">
          <h2 id="plan-heading">{t('line.plan')}</h2>
          {plan ? (
            <>
              <p className="line-fact__value">{plan.name}</p>
              {plan.expires_at ? <p>{t('line.validUntil', { date: when(plan.expires_at) })}</p> : null}
              {plan.expires_at ? (
                <p>
                  <DaysLeft expiresAt={plan.expires_at} />
                </p>
              ) : null}
            </>
          ) : (
            <p className="line-fact__empty">{t('line.noPlan')}</p>
          )}
        </section>
        <section className="line-fact" aria-labelledby="balance-heading">
          <h2 id="balance-heading">{t('line.balance')}</h2>
          {summary.balance.reported && summary.balance.amount && summary.balance.as_of ? (
            <>
              <p className="line-fact__value">
                <MoneyText money={summary.balance.amount} />
              </p>
              <p className="field__hint">{t('line.balanceAsOf', { date: when(summary.balance.as_of) })}</p>
            </>
          ) : (
            <>
              <p className="line-fact__value line-fact__value--quiet">{t('line.balanceUnknown')}</p>
              <p className="field__hint">{t('line.balanceNotReported')}</p>
            </>
          )}
        </section>
        <section className="line-fact" aria-labelledby="data-heading">
          <h2 id="data-heading">{t('line.data')}</h2>
          {summary.data.reported && summary.data.remaining_mb !== null ? (
            <p className="line-fact__value">
              {t('line.dataRemaining', { amount: formatDataAmount(locale, summary.data.remaining_mb) })}
            </p>
          ) : (
            <p className="field__hint">{t('line.dataNotReported')}</p>
          )}
        </section>
        {summary.next_charge_at && summary.next_charge_at !== plan?.expires_at ? (
          <section className="line-fact" aria-labelledby="next-heading">
            <h2 id="next-heading">{t('line.nextCharge')}</h2>
            <p>{when(summary.next_charge_at)}</p>
          </section>
        ) : null}
      </div>
    </section>
  );
}

/**
 * What was bought for this line, newest first: a compact table (a card per row on a phone). Its amount is the face
 * value the line received (the delivery's), not what was paid: the order page has the price and fee.
 */
function LineHistory({ history, when }: { history: LineSummary['history']; when: (iso: string) => string }) {
  const { t } = useI18n();
  return (
    <section className="line-history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('line.history')}</h2>
      {history.length === 0 ? <p className="line-history__empty">{t('line.noHistory')}</p> : null}
      {history.length > 0 ? (
        <table className="data-table history-table">
          <caption className="visually-hidden">{t('line.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wallet.when')}</th>
              <th scope="col">{t('wallet.what')}</th>
              <th scope="col">{t('line.status')}</th>
              <th scope="col" className="amount">
                {t('order.face')}
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((row) => (
              <tr key={row.order}>
                <td className="history-table__when">{when(row.created_at)}</td>
                <td className="history-table__what">
                  <Link href={`/account/orders/${row.order}`}>{row.product}</Link>
                  {row.pin ? (
                    <>
                      {` · ${t('pin.masked', { masked: row.pin })} `}
                      <Link href={`/account/orders/${row.order}`}>{t('pin.viewOnOrder')}</Link>
                    </>
                  ) : null}
                </td>
                <td className={`history-table__status history-table__status--${row.status}`}>
                  {row.status === 'queued' && row.attempts > 0
                    ? t('line.delivery.retrying')
                    : t(`line.delivery.${row.status}`)}
                </td>
                <td className="amount history-table__amount">
                  <MoneyText money={row.amount} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
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
  const amountLabel = useAmountLabel();
  const [offerId, setOfferId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [amountInvalid, setAmountInvalid] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const chosen = offers.find((offer) => offer.id === offerId);
  const planOffer = plan ? offers.find((offer) => offer.plan === plan.id) : undefined;

  useEffect(() => {
    if (!planOffer) return;
    setOfferId(planOffer.id);
    sectionRef.current?.scrollIntoView({ block: 'start' });
  }, [planOffer?.id]);

  const planNotice = plan ? (
    planOffer ? (
      <p className="notice notice--info" role="status">
        {t('line.planPreselected', { plan: plan.name })}
      </p>
    ) : (
      <div className="notice notice--warning" role="status">
        <p>{t('line.planNotForLine', { plan: plan.name, carrier: plan.carrier?.name ?? '' })}</p>
        <Link href={`/account/lines?plan=${plan.id}`}>{t('line.planChooseOther')}</Link>
      </div>
    )
  ) : null;
  if (offers.length === 0)
    return (
      <section className="buy" aria-labelledby="buy-heading">
        <h2 id="buy-heading" tabIndex={-1}>
          {t('line.buy')}
        </h2>
        {planNotice}
        <p>{t('line.noOffers')}</p>
      </section>
    );

  const eta = (minutes: number) => (minutes === 0 ? t('line.etaInstant') : t('line.etaMinutes', { minutes }));
  // The amount goes as typed, with the offer's currency: the server checks range, currency and decimals.
  const product: QuoteProduct | null = chosen
    ? {
        type: 'line_topup',
        product: chosen.id,
        ...recipient,
        ...(chosen.range ? { amount: amount.trim(), currency: chosen.range.minimum.currency } : {}),
      }
    : null;

  const kinds = KINDS.filter((kind) => offers.some((offer) => offer.kind === kind));
  return (
    <section className="buy" aria-labelledby="buy-heading" ref={sectionRef}>
      <h2 id="buy-heading" tabIndex={-1}>
        {t('line.buy')}
      </h2>
      {planNotice}
      <ol className="buy-steps">
        <li className="buy-step">
          <h3 className="buy-step__title">{t('line.step.offer')}</h3>
          {kinds.map((kind) => (
            <fieldset key={kind} className="buy-step__group">
              <legend>{t(`line.kind.${kind}`)}</legend>
              <div className="choice-list choice-list--offers">
                {offers
                  .filter((offer) => offer.kind === kind)
                  .map((offer) => (
                    <OfferChoice
                      key={offer.id}
                      offer={offer}
                      checked={offerId === offer.id}
                      onChoose={() => setOfferId(offer.id)}
                    >
                      {eta(offer.eta_minutes)}
                    </OfferChoice>
                  ))}
              </div>
            </fieldset>
          ))}
          <CnyRateNote />
        </li>
        {chosen?.range ? (
          <li className="buy-step">
            <h3 className="buy-step__title">{t('line.step.amount')}</h3>
            <div className="field field--amount">
              <label htmlFor="topup-amount">{amountLabel(chosen.range.minimum.currency)}</label>
              <input
                id="topup-amount"
                className="input"
                inputMode="decimal"
                autoComplete="off"
                aria-describedby="topup-amount-hint"
                aria-invalid={amountInvalid ? true : undefined}
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
              />
              <p id="topup-amount-hint" className="field__hint">
                {t('line.amountHint', {
                  minimum: formatPrice(
                    locale,
                    chosen.range.minimum.amount_minor,
                    chosen.range.minimum.currency,
                  ),
                  maximum: formatPrice(
                    locale,
                    chosen.range.maximum.amount_minor,
                    chosen.range.maximum.currency,
                  ),
                })}
                {chosen.fx
                  ? ` · ${t('line.amountRate', { base: chosen.fx.base, quote: chosen.fx.quote, rate: chosen.fx.rate })}`
                  : ''}
              </p>
            </div>
          </li>
        ) : null}
        <CheckoutSteps
          product={product}
          onQuoteError={(error) => setAmountInvalid(error?.param === 'amount')}
        />
      </ol>
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
    if (!window.confirm(t('line.confirmRemove', { phone: line.phone ?? line.iccid ?? '' }))) return;
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
    <section className="panel line-settings" aria-labelledby="line-settings">
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
