import { useEffect, useState, type FormEvent } from 'react';
import { usePhoneFormat } from '../../ui/phone';
import { useI18n } from '../../i18n/I18nProvider';
import { OfferChoice, useAmountLabel } from '../../portal/lines/OfferChoice';
import { useMethodName } from '../../portal/wallet/MoneyText';
import type { AdminLine, ApiList, AssistedTopUpMethod, Customer, Offer, PlacedTopUp } from '../../api/types';
import { formatPrice } from '../../ui/format';
import { Field, fieldError, FormAlert, formText, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';
import { useStaffSession } from '../staffSession';

interface Target {
  customer: string;
  line?: string;
  phone?: string;
  label: string;
}

const METHODS = [
  'wallet',
  'alipay',
  'wechat_pay',
  'card',
  'apple_pay',
  'paypal',
] as const satisfies readonly AssistedTopUpMethod[];

/**
 * 电话代充 (the hotline): find a caller by number or email, then place a top-up for one of their lines or any
 * number they name, paid from their wallet now or by a payment link emailed to them. Every step is audited.
 */
export function HotlinePage() {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useStaffSession();
  const { query, navigate } = useRoute();
  const search = useLoad();
  const [found, setFound] = useState<{ lines: AdminLine[]; customers: Customer[] } | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const text = query.get('query') ?? '';
  const canAssist = session?.staff.permissions.includes('topups.assist') ?? false;
  const canSeeCustomers = session?.staff.permissions.includes('customers.read') ?? false;
  useEffect(() => {
    setTarget(null);
    if (!text) {
      setFound(null);
      return;
    }
    void search
      .run(async () => {
        const lines = await api<ApiList<'/v1/admin/lines'>>(
          `/v1/admin/lines?${new URLSearchParams({ query: text }).toString()}`,
          { locale },
        );
        const customers =
          canSeeCustomers && !text.startsWith('+')
            ? await api<ApiList<'/v1/customers'>>(
                `/v1/customers?${new URLSearchParams({ query: text }).toString()}`,
                {
                  locale,
                },
              )
            : { data: [] };
        return { lines: lines.data, customers: customers.data };
      })
      .then((result) => result && setFound(result));
  }, [text]); // the URL holds the search
  if (search.error?.code === 'permission_denied') return <NoAccess />;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), 'query').trim();
    navigate(value ? `/console/lines?${new URLSearchParams({ query: value }).toString()}` : '/console/lines');
  };
  const customerIds = [
    ...new Set([
      ...(found?.customers.map((customer) => customer.id) ?? []),
      ...(found?.lines.map((line) => line.customer) ?? []),
    ]),
  ];
  return (
    <section>
      <h1>{t('console.nav.lines')}</h1>
      <p>{t('console.hotline.intro')}</p>
      <form className="filters-row" onSubmit={submit}>
        <Field
          label={t('console.hotline.query')}
          name="query"
          defaultValue={text}
          placeholder="+1 646 217 4512 / li@example.com"
        />
        <SubmitButton busy={search.busy}>{t('console.customers.search')}</SubmitButton>
      </form>
      <FormAlert error={search.error} />
      {found && found.lines.length === 0 && found.customers.length === 0 ? (
        <p role="status">{t('console.hotline.none')}</p>
      ) : null}
      {found && found.lines.length > 0 ? (
        <table className="data-table">
          <caption>{t('console.hotline.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.deliveries.recipient')}</th>
              <th scope="col">{t('console.hotline.nickname')}</th>
              <th scope="col">{t('console.provider.operator')}</th>
              <th scope="col">{t('console.orders.customer')}</th>
              {canAssist ? <th scope="col" /> : null}
            </tr>
          </thead>
          <tbody>
            {found.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  {line.phone ? formatPhone(line.phone) : t('console.hotline.esimLine')}
                  {line.removed ? ` (${t('console.hotline.removed')})` : ''}
                </td>
                <td>{line.nickname ?? '—'}</td>
                <td>{line.operator ?? '—'}</td>
                <td>
                  <Link href={`/console/audit?target=${line.customer}`}>{line.customer}</Link>
                </td>
                {canAssist ? (
                  <td>
                    {/* A data-only eSIM line has no number: nothing to top up by airtime. */}
                    {line.removed || !line.phone ? null : (
                      <button
                        type="button"
                        className="button button--link"
                        onClick={() =>
                          setTarget({
                            customer: line.customer,
                            line: line.id,
                            label: formatPhone(line.phone ?? ''),
                          })
                        }
                      >
                        {t('console.hotline.topUpLine', { phone: formatPhone(line.phone) })}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canAssist && customerIds.length > 0 ? (
        <OtherNumber
          customers={customerIds}
          emails={new Map(found?.customers.map((customer) => [customer.id, customer.email]))}
          onChosen={setTarget}
        />
      ) : null}
      {target ? (
        <AssistedTopUp key={`${target.customer}-${target.line ?? target.phone}`} target={target} />
      ) : null}
    </section>
  );
}

/** A number that is not one of the caller's lines (a parent's, a friend's). */
function OtherNumber({
  customers,
  emails,
  onChosen,
}: {
  customers: string[];
  emails: Map<string, string>;
  onChosen: (target: Target) => void;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const phone = formText(form, 'phone').trim();
    if (phone) onChosen({ customer: formText(form, 'customer'), phone, label: phone });
  };
  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="other-number">
      <h2 id="other-number">{t('console.hotline.otherNumber')}</h2>
      <div className="field">
        <label htmlFor="hotline-customer">{t('console.orders.customer')}</label>
        <select id="hotline-customer" name="customer">
          {customers.map((id) => (
            <option key={id} value={id}>
              {emails.get(id) ? `${emails.get(id)} (${id})` : id}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('lines.phone')} name="phone" type="tel" hint={t('lines.phoneHint')} />
      <SubmitButton busy={false}>{t('console.hotline.showOffers')}</SubmitButton>
    </form>
  );
}

function AssistedTopUp({ target }: { target: Target }) {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const methodName = useMethodName();
  const amountLabel = useAmountLabel();
  const load = useLoad();
  const place = useAction();
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [operator, setOperator] = useState<string | null>(null);
  const [offerId, setOfferId] = useState<string | null>(null);
  const [placed, setPlaced] = useState<PlacedTopUp | null>(null);
  useEffect(() => {
    const params = new URLSearchParams({ customer: target.customer });
    if (target.line) params.set('line', target.line);
    if (target.phone) params.set('phone', target.phone);
    void load
      .run(() =>
        api<ApiList<'/v1/admin/offers'>>(`/v1/admin/offers?${params.toString()}`, {
          locale,
        }),
      )
      .then((page) => {
        if (!page) return;
        setOffers(page.data);
        setOperator(page.operator?.name ?? null);
      });
  }, []); // keyed by target
  const chosen = offers?.find((offer) => offer.id === offerId);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    const form = new FormData(event.currentTarget);
    const method = formText(form, 'method');
    const amountText = formText(form, 'amount').trim();
    const done = await place.run((idempotencyKey) =>
      api<PlacedTopUp>('/v1/admin/assisted-top-ups', {
        method: 'POST',
        body: {
          customer: target.customer,
          product: chosen.id,
          ...(target.line ? { line: target.line } : { phone: target.phone }),
          ...(chosen.range ? { amount_minor: Math.round(Number(amountText) * 100) || 0 } : {}),
          method,
        },
        locale,
        csrfToken: session?.csrf_token,
        idempotencyKey,
      }),
    );
    if (done) setPlaced(done);
  };
  if (placed) {
    return (
      <article className="panel" aria-labelledby="assisted-heading">
        <h2 id="assisted-heading">{t('console.hotline.placedTitle')}</h2>
        <p role="status">
          {placed.payment_link
            ? t('console.hotline.linkSent', {
                amount: formatPrice(locale, placed.charge.amount_minor, placed.charge.currency),
              })
            : t('console.hotline.paidFromWallet', {
                amount: formatPrice(locale, placed.total.amount_minor, placed.total.currency),
              })}
        </p>
        <p>
          <Link href={`/console/orders/${placed.order}`}>{t('console.hotline.openOrder')}</Link>
        </p>
      </article>
    );
  }
  return (
    <form className="panel stack" onSubmit={(event) => void submit(event)} aria-labelledby="assisted-heading">
      <h2 id="assisted-heading">{t('console.hotline.topUpFor', { phone: target.label })}</h2>
      <FormAlert error={load.error} />
      {offers ? (
        <p role="status">
          {operator ? t('console.hotline.operator', { operator }) : t('console.hotline.operatorUnknown')}
        </p>
      ) : null}
      {offers && offers.length > 0 ? (
        <fieldset>
          <legend>{t('order.product')}</legend>
          <div className="method-list">
            {offers.map((offer) => (
              <OfferChoice
                key={offer.id}
                offer={offer}
                checked={offerId === offer.id}
                onChoose={() => setOfferId(offer.id)}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      {chosen?.range ? (
        <Field
          label={amountLabel(chosen.range.minimum.currency)}
          name="amount"
          inputMode="decimal"
          error={fieldError(place.error, 'amount_minor')}
        />
      ) : null}
      <div className="field">
        <label htmlFor="assisted-method">{t('console.hotline.method')}</label>
        <select id="assisted-method" name="method" defaultValue="wallet">
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {method === 'wallet'
                ? t('console.hotline.fromWallet')
                : t('console.hotline.byLink', { method: methodName(method) })}
            </option>
          ))}
        </select>
      </div>
      <FormAlert error={place.error} fields={['amount_minor']} />
      <button
        type="submit"
        className="button button--primary"
        disabled={!chosen || place.busy}
        aria-busy={place.busy}
      >
        {place.busy ? t('form.working') : t('console.hotline.place')}
      </button>
    </form>
  );
}
