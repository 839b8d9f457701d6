import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { formatPrice } from '../../ui/format';
import type { ApiList, ApiRequest, Line, PhoneLookup, Plan } from '../../api/types';
import { usePhoneFormat } from '../../ui/phone';

const PLAN_ID = /^plan_[0-9a-z]{26}$/;

/**
 * 我的号码: the customer's lines, and adding one — the number is checked and its carrier found before saving.
 * Reached from a plan card (`?plan=plan_…`), it asks which line the plan is for and carries the plan on to that
 * line's checkout, where it is chosen already.
 */
export function LinesPage() {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useSession();
  const { navigate, query } = useRoute();
  const planId = PLAN_ID.test(query.get('plan') ?? '') ? query.get('plan')! : null;
  const [plan, setPlan] = useState<Plan | null>(null);
  const linePath = (lineId: string) => `/account/lines/${lineId}${planId ? `?plan=${planId}` : ''}`;
  const load = useLoad();
  const checking = useAction();
  const adding = useAction();
  const [lines, setLines] = useState<Line[] | null>(null);
  const [phone, setPhone] = useState('');
  const [nickname, setNickname] = useState('');
  const [found, setFound] = useState<PhoneLookup | null>(null);
  const csrfToken = session?.csrf_token;

  useEffect(() => {
    if (!session) return;
    void load
      .run(() => api<ApiList<'/v1/lines'>>('/v1/lines', { locale }))
      .then((page) => page && setLines(page.data));
  }, [session?.id, locale]); // reload on sign-in and language change (operator names)

  useEffect(() => {
    if (!planId) return setPlan(null);
    void api<Plan>(`/v1/plans/${planId}`, { locale })
      .then(setPlan)
      .catch(() => setPlan(null));
  }, [planId, locale]);
  const planCarrier = plan?.carrier ?? null;
  const fitsPlan = (line: Line) => !planCarrier || line.operator?.carrier?.slug === planCarrier.slug;

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setFound(null);
    const looked = await checking.run(() =>
      api<PhoneLookup>('/v1/phone-numbers/lookup', {
        method: 'POST',
        body: { phone } satisfies ApiRequest<'/v1/phone-numbers/lookup', 'post'>,
        locale,
        csrfToken,
      }),
    );
    if (looked) setFound(looked);
  };

  const add = async () => {
    const line = await adding.run((idempotencyKey) =>
      api<Line>('/v1/lines', {
        method: 'POST',
        body: { phone, nickname: nickname || undefined } satisfies ApiRequest<'/v1/lines', 'post'>,
        locale,
        csrfToken,
        idempotencyKey,
      }),
    );
    if (line) navigate(linePath(line.id));
  };

  return (
    <AccountLayout title={t('lines.title')}>
      <FormAlert error={load.error} />
      {plan ? (
        <p className="notice" role="status">
          {t('lines.forPlan', {
            plan: plan.name,
            price: t('price.from', {
              price: formatPrice(locale, plan.price.amount_minor, plan.price.currency),
            }),
            carrier: planCarrier?.name ?? '',
          })}
        </p>
      ) : null}
      {lines && lines.length === 0 ? <p>{t('lines.empty')}</p> : null}
      {lines && lines.length > 0 ? (
        <ul className="line-list">
          {lines.map((line) => (
            <li key={line.id} className="line-card">
              <Link href={linePath(line.id)} className="line-card__link">
                <span className="line-card__name">{line.nickname ?? formatPhone(line.phone)}</span>
                <span className="line-card__number">{formatPhone(line.phone)}</span>
                <span className="line-card__carrier">
                  {line.operator?.carrier?.name ?? line.operator?.name ?? t('lines.carrierUnknown')}
                </span>
              </Link>
              {plan && !fitsPlan(line) ? (
                <span className="line-card__unfit">
                  {t('lines.forPlanOtherCarrier', { carrier: planCarrier?.name ?? '' })}
                </span>
              ) : (
                <Link className="button button--primary" href={linePath(line.id)}>
                  {plan ? t('lines.forPlanChoose') : t('lines.topUpOrRenew')}
                  <span className="visually-hidden"> {line.nickname ?? line.phone_national}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link href="/account/top-up">{t('lines.giftLink')}</Link>
      </p>
      <h2>{t('lines.add')}</h2>
      <form className="stack" onSubmit={(event) => void check(event)} noValidate>
        <Field
          label={t('lines.phone')}
          hint={t('lines.phoneHint')}
          name="phone"
          type="tel"
          autoComplete="tel"
          value={phone}
          onChange={(event) => {
            setPhone(event.target.value);
            setFound(null);
          }}
          error={fieldError(checking.error, 'phone') ?? fieldError(adding.error, 'phone')}
        />
        <Field
          label={t('lines.nickname')}
          name="nickname"
          value={nickname}
          maxLength={40}
          onChange={(event) => setNickname(event.target.value)}
        />
        <FormAlert error={checking.error} fields={['phone']} />
        <SubmitButton busy={checking.busy}>{t('lines.check')}</SubmitButton>
      </form>
      {found ? (
        <div className="notice" role="status">
          <p>
            {found.operator
              ? t('lines.found', {
                  number: formatPhone(found.phone),
                  carrier: found.operator.carrier?.name ?? found.operator.name,
                })
              : t('lines.foundUnknown', { number: formatPhone(found.phone) })}
          </p>
          <FormAlert error={adding.error} fields={['phone']} />
          <button
            type="button"
            className="button button--primary"
            disabled={adding.busy}
            onClick={() => void add()}
          >
            {t('lines.save')}
          </button>
        </div>
      ) : null}
    </AccountLayout>
  );
}
