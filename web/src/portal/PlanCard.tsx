import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { formatPrice } from '../ui/format';
import { Link } from '../ui/router';
import type { Plan } from '../api/types';
import { CnyEstimate } from './CnyEstimate';
import { useSession } from './session';
import {
  afterQuotaText,
  dataQuotaText,
  devicesText,
  regionText,
  simTypesText,
  smsText,
  validityText,
  voiceText,
} from './planText';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt className="fact__label">{label}</dt>
      <dd className="fact__value">{children}</dd>
    </div>
  );
}

/** One plan: who runs it, what it includes, and what it costs. */
export function PlanCard({ plan }: { plan: Plan }) {
  const i18n = useI18n();
  const { locale, t, plural } = i18n;
  const headingId = useId();
  const countries = plan.coverage.countries.length;
  const price = formatPrice(locale, plan.price.amount_minor, plan.price.currency);

  return (
    <article className="plan-card" aria-labelledby={headingId} tabIndex={-1}>
      <div className="plan-card__meta">
        <span className="plan-card__carrier">{plan.carrier?.name ?? t('plan.multiNetwork')}</span>
        <span className={`badge badge--${plan.category}`}>{t(`plan.category.${plan.category}`)}</span>
      </div>
      <h3 id={headingId} className="plan-card__name">
        {plan.name}
      </h3>
      <p className="plan-card__description">{plan.description}</p>

      <dl className="plan-card__facts">
        <Fact label={t('plan.fact.data')}>
          <span className="fact__main">{dataQuotaText(i18n, plan.data)}</span>
          <span className="fact__sub">{afterQuotaText(i18n, plan.data)}</span>
        </Fact>
        <Fact label={t('plan.fact.validity')}>{validityText(i18n, plan.validity)}</Fact>
        <Fact label={t('plan.fact.voice')}>{voiceText(i18n, plan.voice)}</Fact>
        <Fact label={t('plan.fact.sms')}>{smsText(i18n, plan.sms)}</Fact>
        <Fact label={t('plan.fact.coverage')}>
          <span className="fact__main">{regionText(i18n, plan.coverage.region)}</span>
          {countries > 1 && <span className="fact__sub">{plural('plan.coverage.countries', countries)}</span>}
        </Fact>
        <Fact label={t('plan.fact.devices')}>{devicesText(i18n, plan.shareable_devices)}</Fact>
        <Fact label={t('plan.fact.sim')}>{simTypesText(i18n, plan.sim_types)}</Fact>
      </dl>

      <p className="plan-card__price">
        <span className="visually-hidden">{t('plan.price')} </span>
        {plan.purchase === 'line' ? t('price.from', { price }) : price}
        <CnyEstimate money={plan.price} className="estimate plan-card__estimate" />
      </p>
      <PlanPurchase plan={plan} />
    </article>
  );
}

/**
 * How this plan is bought: for a line on its carrier (sign in first), as an eSIM (its purchase page checks the
 * phone first), soon as an eSIM, or not online yet.
 */
function PlanPurchase({ plan }: { plan: Plan & { esim_purchasable?: boolean } }) {
  const { t } = useI18n();
  const { status } = useSession();
  const carrier = plan.carrier?.name ?? '';
  if (plan.esim_purchasable)
    return (
      <div className="plan-card__buy">
        <Link className="button button--primary" href={`/esim/buy/${plan.slug}`}>
          {t('plan.buy.esim')}
          <span className="visually-hidden"> {plan.name}</span>
        </Link>
        <p className="plan-card__note">
          {t('plan.buy.esimNote')} <Link href="/esim/compatibility">{t('esim.check.link')}</Link>
        </p>
      </div>
    );
  switch (plan.purchase) {
    case 'line':
      return (
        <div className="plan-card__buy">
          <Link className="button button--primary" href={`/account/lines?plan=${plan.id}`}>
            {t('plan.buy')}
            <span className="visually-hidden"> {plan.name}</span>
          </Link>
          <p className="plan-card__note">
            {t(status === 'signed_in' ? 'plan.buy.forLine' : 'plan.buy.signIn', { carrier })}
          </p>
        </div>
      );
    case 'esim_coming_soon':
      return (
        <p className="plan-card__note plan-card__note--soon" role="note">
          {t('plan.buy.esimSoon')} <Link href="/esim/compatibility">{t('esim.check.link')}</Link>
        </p>
      );
    default:
      return (
        <p className="plan-card__note">
          {t('plan.buy.notSold')} <Link href="/account/lines">{t('plan.buy.notSoldLink')}</Link>
        </p>
      );
  }
}
