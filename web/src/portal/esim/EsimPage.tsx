import './messages';
import './esim.css';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert } from '../../ui/forms';
import { formatDataAmount } from '../../ui/format';
import { Link } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { InstallStateBadge, packageData, useWhen } from './EsimParts';
import { countryNames, groupedIccid } from './esimText';
import { ON_PHONE, type Esim, type EsimPackage, type EsimUsage } from './types';
import { useEsim } from './useEsim';

/**
 * 我的 eSIM: a data-only line without a number. Its name and ICCID, whether it is on a phone yet (and the way to
 * install it when not), data used and left as of the time and source that reported it, its packages, 加流量.
 */
export function EsimPage({ esimId }: { esimId: string }) {
  const { t } = useI18n();
  const { esim, load } = useEsim(esimId);
  return (
    <AccountLayout title={esim?.name ?? t('esimLines.kind')} ownHeading>
      {esim ? null : <h1>{t('esimLines.kind')}</h1>}
      {esim ? null : <FormAlert error={load.error} />}
      {esim ? <EsimView esim={esim} /> : null}
    </AccountLayout>
  );
}

function EsimView({ esim }: { esim: Esim }) {
  const { t } = useI18n();
  const when = useWhen();
  // Not on a phone yet: installing is the one thing to do, so it is the headline's button.
  const installable = !ON_PHONE.includes(esim.install_state) && esim.install_state !== 'deleted';
  return (
    <>
      <section className="line-hero" aria-labelledby="esim-heading">
        <div className="line-hero__top">
          <div className="line-hero__who">
            <span className="line-hero__carrier">{t('esimLines.kind')}</span>
            <h1 id="esim-heading">{esim.name}</h1>
            <p className="line-hero__number">
              <span className="visually-hidden">{t('esimLine.iccid')} </span>
              <span aria-hidden="true">ICCID </span>
              <span className="esim-iccid">{groupedIccid(esim.iccid)}</span>
            </p>
          </div>
          {installable ? (
            <Link
              className="button button--primary button--large line-hero__buy"
              href={`/esims/${esim.id}/install`}
            >
              {t('esimLine.install')}
            </Link>
          ) : esim.top_up_allowed ? (
            <Link
              className="button button--primary button--large line-hero__buy"
              href={`/esims/${esim.id}/top-up`}
            >
              {t('esimLine.topUp')}
            </Link>
          ) : null}
        </div>
        <div className="line-facts">
          <section className="line-fact" aria-labelledby="state-heading">
            <h2 id="state-heading">{t('esimLine.state')}</h2>
            <p className="line-fact__value">
              <InstallStateBadge state={esim.install_state} />
            </p>
            <p className="field__hint">{t('esimState.since', { time: when(esim.install_state_at) })}</p>
          </section>
          <UsageFact usage={esim.usage} />
        </div>
        {installable ? (
          <p className="notice notice--warning esim-install-cta">{t('esimLine.installHint')}</p>
        ) : null}
        {installable && esim.top_up_allowed ? (
          <p className="esim-more">
            <Link className="button button--secondary" href={`/esims/${esim.id}/top-up`}>
              {t('esimLine.topUp')}
            </Link>
          </p>
        ) : null}
        {esim.top_up_allowed ? null : <p className="field__hint">{t('esimLine.noTopUp')}</p>}
      </section>
      <Packages packages={esim.packages} />
      <p className="esim-page__links">
        <Link href={`/account/orders/${esim.order}`}>{t('esimLine.order')}</Link>
        {' · '}
        <Link href="/account/lines">{t('esimLine.back')}</Link>
      </p>
    </>
  );
}

/** Data used and left, with when and by whom it was counted; nothing invented before the first report. */
function UsageFact({ usage }: { usage: EsimUsage | null }) {
  const { t, locale } = useI18n();
  const when = useWhen();
  const data = (mb: number) => formatDataAmount(locale, mb);
  return (
    <section className="line-fact line-fact--plan" aria-labelledby="usage-heading">
      <h2 id="usage-heading">{t('esimLine.usage')}</h2>
      {usage ? (
        <>
          {usage.unlimited ? (
            <p className="line-fact__value">{t('esimLine.unlimited')}</p>
          ) : usage.remaining_mb !== null ? (
            <p className="line-fact__value">
              {t('esimLine.remaining', { amount: data(usage.remaining_mb) })}
            </p>
          ) : null}
          {!usage.unlimited && usage.total_mb !== null && usage.remaining_mb !== null ? (
            <>
              <meter
                className="esim-meter"
                min={0}
                max={usage.total_mb}
                value={usage.total_mb - usage.remaining_mb}
                aria-label={t('esimLine.usage')}
              />
              <p>
                {t('esimLine.used', {
                  used: data(Math.max(0, usage.total_mb - usage.remaining_mb)),
                  total: data(usage.total_mb),
                })}
              </p>
            </>
          ) : null}
          {usage.expires_at ? <p>{t('esimLine.expires', { date: when(usage.expires_at) })}</p> : null}
          <p className="field__hint">
            {t(usage.source === 'provider' ? 'esimLine.asOf.provider' : 'esimLine.asOf.simfill', {
              time: when(usage.observed_at),
            })}
          </p>
        </>
      ) : (
        <p className="field__hint">{t('esimLine.noUsage')}</p>
      )}
    </section>
  );
}

function Packages({ packages }: { packages: EsimPackage[] }) {
  const { t, locale, plural } = useI18n();
  const when = useWhen();
  return (
    <section className="esim-packages" aria-labelledby="packages-heading">
      <h2 id="packages-heading">{t('esimLine.packages')}</h2>
      <ul className="esim-packages__list">
        {packages.map((pkg) => {
          const countries = countryNames(locale, pkg.countries, 4);
          return (
            <li key={`${pkg.package_id}-${pkg.added_at}`} className="esim-package">
              <p className="esim-package__head">
                <span className="esim-package__name">{pkg.name}</span>
                <span className="esim-package__kind">{t(`esimLine.package.${pkg.kind}`)}</span>
              </p>
              <p className="esim-package__facts">
                <span>{packageData(locale, pkg, t('esimLine.unlimited'))}</span>
                <span>{plural('plan.validity.days', pkg.validity_days)}</span>
                <span>
                  {countries.names}
                  {countries.more > 0 ? ` ${t('esimBuy.countriesMore', { count: countries.more })}` : ''}
                </span>
              </p>
              <p className="field__hint">{t('esimLine.package.added', { date: when(pkg.added_at) })}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
