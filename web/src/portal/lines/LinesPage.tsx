import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { formatPrice } from '../../ui/format';
import type { ApiList, ApiRequest, Line, LineSummary, PhoneLookup, Plan } from '../../api/types';
import { usePhoneFormat } from '../../ui/phone';
import { DaysLeft } from './DaysLeft';
import '../esim/messages';
import { InstallStateBadge } from '../esim/EsimParts';
import { groupedIccid } from '../esim/esimText';
import type { AnyLine, Esim, EsimList } from '../esim/types';

const PLAN_ID = /^plan_[0-9a-z]{26}$/;
/** Lines whose plan and expiry the list reads (one request each); more lines show number and carrier only. */
const SUMMARIES_MAX = 20;

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
  const [lines, setLines] = useState<AnyLine[] | null>(null);
  const [esims, setEsims] = useState<Record<string, Esim>>({});
  const [phone, setPhone] = useState('');
  const [nickname, setNickname] = useState('');
  const [found, setFound] = useState<PhoneLookup | null>(null);
  const csrfToken = session?.csrf_token;

  const [summaries, setSummaries] = useState<Record<string, LineSummary>>({});

  useEffect(() => {
    if (!session) return;
    void load
      .run(() => api<ApiList<'/v1/lines'>>('/v1/lines', { locale }))
      .then((page) => page && setLines(page.data));
  }, [session?.id, locale]); // reload on sign-in and language change (operator names)

  // Each card's plan and expiry, read after the list so the list itself is never held up; a card whose summary
  // does not come shows the number and carrier alone.
  useEffect(() => {
    if (!lines) return;
    let current = true;
    void Promise.all(
      lines
        .filter((line) => !isEsimLine(line))
        .slice(0, SUMMARIES_MAX)
        .map((line) => api<LineSummary>(`/v1/lines/${line.id}/summary`, { locale }).catch(() => null)),
    ).then((loaded) => {
      if (!current) return;
      setSummaries(
        Object.fromEntries(loaded.flatMap((summary) => (summary ? [[summary.line.id, summary]] : []))),
      );
    });
    return () => {
      current = false;
    };
  }, [lines]);
  // eSIM lines have no number: their name and install state come from the eSIMs themselves (one request).
  useEffect(() => {
    if (!lines?.some(isEsimLine)) return;
    let current = true;
    void api<EsimList>('/v1/esims?limit=100', { locale })
      .then((list) => {
        if (current) setEsims(Object.fromEntries(list.data.map((esim) => [esim.id, esim])));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [lines]);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: session?.customer.time_zone }).format(
      new Date(iso),
    );

  useEffect(() => {
    if (!planId) return setPlan(null);
    void api<Plan>(`/v1/plans/${planId}`, { locale })
      .then(setPlan)
      .catch(() => setPlan(null));
  }, [planId, locale]);
  const planCarrier = plan?.carrier ?? null;
  const fitsPlan = (line: AnyLine) => !planCarrier || line.operator?.carrier?.slug === planCarrier.slug;

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
        <p className="notice notice--info" role="status">
          {t('lines.forPlan', {
            plan: plan.name,
            price: t('price.from', {
              price: formatPrice(locale, plan.price.amount_minor, plan.price.currency),
            }),
            carrier: planCarrier?.name ?? '',
          })}
        </p>
      ) : null}
      {lines && lines.length === 0 ? <p className="notice notice--empty">{t('lines.empty')}</p> : null}
      {lines && lines.length > 0 ? (
        <ul className="line-list">
          {lines.map((line) => {
            if (isEsimLine(line))
              return (
                <EsimLineCard key={line.id} line={line} esim={line.esim ? esims[line.esim] : undefined} />
              );
            const phone = line.phone ?? '';
            const summary = summaries[line.id];
            const linePlan = summary?.plan;
            return (
              <li key={line.id} className="line-card">
                <Link href={linePath(line.id)} className="line-card__link">
                  <span className="line-card__carrier">
                    {line.operator?.carrier?.name ?? line.operator?.name ?? t('lines.carrierUnknown')}
                  </span>
                  <span className="line-card__name">{line.nickname ?? formatPhone(phone)}</span>
                  {line.nickname ? <span className="line-card__number">{formatPhone(phone)}</span> : null}
                </Link>
                {summary ? (
                  <p className="line-card__plan">
                    {linePlan ? (
                      <>
                        <span className="line-card__plan-name">{linePlan.name}</span>
                        {linePlan.expires_at ? (
                          <>
                            <span className="line-card__expiry">
                              {t('line.validUntil', { date: when(linePlan.expires_at) })}
                            </span>
                            <DaysLeft expiresAt={linePlan.expires_at} />
                          </>
                        ) : null}
                      </>
                    ) : (
                      <span className="line-card__expiry">{t('line.noPlan')}</span>
                    )}
                  </p>
                ) : null}
                {plan && !fitsPlan(line) ? (
                  <span className="line-card__unfit">
                    {t('lines.forPlanOtherCarrier', { carrier: planCarrier?.name ?? '' })}
                  </span>
                ) : (
                  <Link className="button button--primary line-card__action" href={linePath(line.id)}>
                    {plan ? t('lines.forPlanChoose') : t('lines.topUpOrRenew')}
                    <span className="visually-hidden"> {line.nickname ?? line.phone_national ?? ''}</span>
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="lines-actions">
        <Link className="button button--secondary" href="/account/top-up">
          {t('lines.giftLink')}
        </Link>
      </div>
      <section className="panel add-line" aria-labelledby="add-line-heading">
        <h2 id="add-line-heading">{t('lines.add')}</h2>
        <form className="form add-line__form" onSubmit={(event) => void check(event)} noValidate>
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
          <div>
            <SubmitButton busy={checking.busy}>{t('lines.check')}</SubmitButton>
          </div>
        </form>
        {found ? (
          <div className="notice notice--success" role="status">
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
      </section>
    </AccountLayout>
  );
}

const isEsimLine = (line: AnyLine) => line.kind === 'esim' || line.phone === null;

/** A travel eSIM among the lines: its name and ICCID instead of a number, its install state, and its own page. */
function EsimLineCard({ line, esim }: { line: AnyLine; esim: Esim | undefined }) {
  const { t } = useI18n();
  const href = line.esim ? `/esims/${line.esim}` : undefined;
  const name = line.nickname ?? esim?.name ?? t('esimLines.kind');
  const iccid = line.iccid ?? esim?.iccid;
  const body = (
    <>
      <span className="line-card__carrier">{t('esimLines.kind')}</span>
      <span className="line-card__name">{name}</span>
      {iccid ? <span className="line-card__number">ICCID {groupedIccid(iccid)}</span> : null}
    </>
  );
  return (
    <li className="line-card line-card--esim">
      {href ? (
        <Link href={href} className="line-card__link">
          {body}
        </Link>
      ) : (
        <div className="line-card__link">{body}</div>
      )}
      {esim ? (
        <p className="line-card__plan">
          <InstallStateBadge state={esim.install_state} />
        </p>
      ) : null}
      {href ? (
        <Link className="button button--primary line-card__action" href={href}>
          {t('esimLines.open')}
          <span className="visually-hidden"> {name}</span>
        </Link>
      ) : null}
    </li>
  );
}
