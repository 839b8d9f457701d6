import './messages';
import './esim.css';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { formatPrice } from '../../ui/format';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { loginPath } from '../account/afterSignIn';
import { CnyEstimate } from '../CnyEstimate';
import { FeeRule } from '../FeeRule';
import { afterQuotaText, dataQuotaText, regionText, validityText } from '../planText';
import { useSession } from '../session';
import { CheckoutSteps } from '../wallet/Checkout';
import { DeviceChecker } from './DeviceChecker';
import { countryNames } from './esimText';
import type { ApiList, DeviceCheck } from '../../api/types';
import type { EsimPlan } from './types';

/** Pages of the catalog read to find a plan by its slug (the API reads plans by id). */
const PLAN_PAGES_MAX = 5;
/** This tab's passed device check, so signing in on the way to paying does not ask for it again. */
const CHECK_KEY = 'simfill_esim_device_check';

interface PassedCheck {
  /** `compatible`: the checker said so; `confirmed`: it could not tell and the customer confirmed. */
  how: 'compatible' | 'confirmed';
  device: string | null;
}

/**
 * 购买 eSIM: the plan at a glance (data, days, countries, price with its CNY estimate and the fee rule), the device
 * check as the gate (not compatible: why, and what to do instead), the "install once, never delete" notice, then
 * the same quote and payment as a line top-up. Signed out, it asks to sign in and comes back here.
 */
export function EsimBuyPage({ planSlug }: { planSlug: string }) {
  const { t, locale } = useI18n();
  const load = useLoad();
  const [plan, setPlan] = useState<EsimPlan | null | undefined>(undefined);

  useEffect(() => {
    void load
      .run(async () => {
        let after: string | undefined;
        for (let page = 0; page < PLAN_PAGES_MAX; page += 1) {
          const params = new URLSearchParams({ sim_type: 'esim', limit: '100' });
          if (after) params.set('starting_after', after);
          const list = await api<ApiList<'/v1/plans'>>(`/v1/plans?${params.toString()}`, { locale });
          const found = list.data.find((entry) => entry.slug === planSlug);
          if (found) return found;
          if (!list.has_more || list.data.length === 0) return null;
          after = list.data.at(-1)!.id;
        }
        return null;
      })
      .then((found) => {
        if (found !== undefined) setPlan(found);
      });
  }, [planSlug, locale]);

  if (load.error) return <FormAlert error={load.error} />;
  if (plan === undefined) return <p role="status">{t('account.loading')}</p>;
  if (plan === null)
    return (
      <section className="esim-page">
        <h1>{t('esimBuy.notFound')}</h1>
        <Link href="/">{t('esimBuy.backToPlans')}</Link>
      </section>
    );
  return (
    <section className="esim-page esim-buy">
      <p className="esim-page__kicker">{t('esimBuy.kicker')}</p>
      <h1>{plan.name}</h1>
      <PlanSummary plan={plan} />
      {plan.esim_purchasable ? (
        <BuySteps plan={plan} />
      ) : (
        <div className="notice notice--warning" role="status">
          <p>{t('esimBuy.notOnSale')}</p>
          <Link href="/">{t('esimBuy.backToPlans')}</Link>
        </div>
      )}
    </section>
  );
}

function PlanSummary({ plan }: { plan: EsimPlan }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const countries = countryNames(locale, plan.coverage.countries, 8);
  return (
    <div className="esim-summary">
      {plan.description ? <p className="esim-summary__description">{plan.description}</p> : null}
      <dl className="esim-summary__facts">
        <div>
          <dt>{t('plan.fact.data')}</dt>
          <dd>
            <span className="esim-summary__main">{dataQuotaText(i18n, plan.data)}</span>
            <span className="esim-summary__sub">{afterQuotaText(i18n, plan.data)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('plan.fact.validity')}</dt>
          <dd>
            <span className="esim-summary__main">{validityText(i18n, plan.validity)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('esimBuy.countries')}</dt>
          <dd>
            <span className="esim-summary__main">{regionText(i18n, plan.coverage.region)}</span>
            {plan.coverage.countries.length > 1 ? (
              <span className="esim-summary__sub">
                {countries.names}
                {countries.more > 0 ? ` ${t('esimBuy.countriesMore', { count: countries.more })}` : ''}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('plan.price')}</dt>
          <dd>
            <span className="esim-summary__main esim-summary__price">
              {formatPrice(locale, plan.price.amount_minor, plan.price.currency)}
            </span>
            <CnyEstimate money={plan.price} className="estimate esim-summary__sub" />
          </dd>
        </div>
      </dl>
      <FeeRule />
    </div>
  );
}

function readPassedCheck(): PassedCheck | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(CHECK_KEY) ?? 'null') as PassedCheck | null;
    return stored && (stored.how === 'compatible' || stored.how === 'confirmed') ? stored : null;
  } catch {
    return null;
  }
}

function rememberPassedCheck(check: PassedCheck | null): void {
  try {
    if (check) sessionStorage.setItem(CHECK_KEY, JSON.stringify(check));
    else sessionStorage.removeItem(CHECK_KEY);
  } catch {
    // storage refused: the customer checks again after signing in
  }
}

/** The device check first; payment opens once the phone is known to take an eSIM (or the customer confirms it). */
function BuySteps({ plan }: { plan: EsimPlan }) {
  const { t } = useI18n();
  const { status } = useSession();
  const [passed, setPassed] = useState<PassedCheck | null>(readPassedCheck);
  const [check, setCheck] = useState<DeviceCheck | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const device = check?.device ? `${check.device.brand} ${check.device.model}` : null;

  const onResult = (result: DeviceCheck | null) => {
    setCheck(result);
    setConfirmed(false);
    if (result?.verdict === 'compatible') {
      const next: PassedCheck = {
        how: 'compatible',
        device: result.device ? `${result.device.brand} ${result.device.model}` : null,
      };
      rememberPassedCheck(next);
      setPassed(next);
    } else {
      rememberPassedCheck(null);
      setPassed(null);
    }
  };
  const confirmUnknown = (value: boolean) => {
    setConfirmed(value);
    const next: PassedCheck | null = value ? { how: 'confirmed', device } : null;
    rememberPassedCheck(next);
    setPassed(next);
  };
  const recheck = () => {
    rememberPassedCheck(null);
    setPassed(null);
    setCheck(null);
    setConfirmed(false);
  };
  const showChecker = !passed || check !== null;

  return (
    <section className="buy esim-buy__steps" aria-labelledby="buy-heading">
      <h2 id="buy-heading">{t('esimBuy.steps')}</h2>
      <ol className="buy-steps">
        <li className="buy-step">
          <h3 className="buy-step__title">{t('esimBuy.step.device')}</h3>
          {showChecker ? (
            <>
              <p className="field__hint">{t('esimBuy.step.deviceHint')}</p>
              <DeviceChecker headingLevel={3} onResult={onResult} />
            </>
          ) : (
            <div className="notice notice--success esim-gate" role="status">
              <p>
                {passed.how === 'compatible' && passed.device
                  ? t('esimBuy.checked', { device: passed.device })
                  : passed.how === 'compatible'
                    ? t('esimBuy.compatibleNext')
                    : t('esimBuy.checkedUnknown')}
              </p>
              <button type="button" className="button button--secondary" onClick={recheck}>
                {t('esimBuy.recheck')}
              </button>
            </div>
          )}
          {check?.verdict === 'compatible' ? (
            <p className="notice notice--success esim-gate" role="status">
              {t('esimBuy.compatibleNext')}
            </p>
          ) : null}
          {check?.verdict === 'not_compatible' ? <NotCompatible /> : null}
          {check?.verdict === 'unknown' ? (
            <div className="notice notice--warning esim-gate">
              <p>{t('esimBuy.unknown.hint')}</p>
              <label className="esim-gate__confirm">
                <input
                  type="checkbox"
                  checked={confirmed}
                  onChange={(event) => confirmUnknown(event.target.checked)}
                />
                {t('esimBuy.unknown.confirm')}
              </label>
            </div>
          ) : null}
        </li>
        {passed ? (
          <>
            <li className="buy-step buy-step--note">
              <KeepNotice />
            </li>
            {status === 'signed_in' ? <CheckoutSteps product={{ type: 'esim', plan: plan.id }} /> : null}
            {status === 'signed_out' ? <SignInStep slug={plan.slug} /> : null}
          </>
        ) : (
          <li className="buy-step buy-step--waiting">
            <h3 className="buy-step__title">{t('esimBuy.step.pay')}</h3>
            <p className="field__hint">{t('esimBuy.checkFirst')}</p>
          </li>
        )}
      </ol>
    </section>
  );
}

/** Not compatible (the verdict above says why): what not to do, and the three ways on from here. */
function NotCompatible() {
  const { t } = useI18n();
  return (
    <div className="notice notice--info esim-gate" role="alert" aria-label={t('esimBuy.notCompatible.title')}>
      <p className="esim-gate__title">{t('esimBuy.notCompatible.body')}</p>
      <ul>
        <li>{t('esimBuy.notCompatible.other')}</li>
        <li>
          <Link href="/">{t('esimBuy.notCompatible.sim')}</Link>
        </li>
        <li>
          <Link href="/esim/compatibility">{t('esimBuy.notCompatible.list')}</Link>
        </li>
      </ul>
    </div>
  );
}

/** 不要删除: said before anything is paid, and again on the install page before the QR code. */
export function KeepNotice() {
  const { t } = useI18n();
  return (
    <div className="esim-keep" role="note">
      <h3 className="esim-keep__title">{t('esimBuy.keep.title')}</h3>
      <ul>
        <li>{t('esimBuy.keep.once')}</li>
        <li>
          <strong>{t('esimBuy.keep.delete')}</strong>
        </li>
        <li>{t('esimBuy.keep.after')}</li>
      </ul>
    </div>
  );
}

function SignInStep({ slug }: { slug: string }) {
  const { t } = useI18n();
  const next = `/esim/buy/${slug}`;
  return (
    <li className="buy-step">
      <h3 className="buy-step__title">{t('esimBuy.signIn.title')}</h3>
      <p>{t('esimBuy.signIn.body')}</p>
      <div className="buy-step__actions">
        <Link className="button button--primary" href={loginPath(next)}>
          {t('esimBuy.signIn.login')}
        </Link>
        <Link className="button button--secondary" href={`/register?next=${encodeURIComponent(next)}`}>
          {t('esimBuy.signIn.register')}
        </Link>
      </div>
    </li>
  );
}
