import './messages';
import './esim.css';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { CnyEstimate, CnyRateNote } from '../CnyEstimate';
import { useSession } from '../session';
import { CheckoutSteps } from '../wallet/Checkout';
import { MoneyText } from '../wallet/MoneyText';
import { packageData } from './EsimParts';
import { countryNames, groupedIccid } from './esimText';
import type { EsimTopUpPackage, EsimTopUpPackageList } from './types';
import { useEsim } from './useEsim';

/**
 * 加流量: only the packages the provider accepts for this ICCID (`top-up-packages`), one chosen, then the same quote
 * and payment as every purchase. The data lands on the same eSIM: nothing to install again.
 */
export function EsimTopUpPage({ esimId }: { esimId: string }) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const { esim, load } = useEsim(esimId);
  const packagesLoad = useLoad();
  const [packages, setPackages] = useState<EsimTopUpPackage[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    if (!session) return;
    void packagesLoad
      .run(() =>
        api<EsimTopUpPackageList>(`/v1/esims/${encodeURIComponent(esimId)}/top-up-packages`, { locale }),
      )
      .then((list) => list && setPackages(list.data));
  }, [esimId, session?.id, locale]);

  const allowed = esim?.top_up_allowed ?? false;
  return (
    <AccountLayout title={t('esimTopUp.title')}>
      <FormAlert error={load.error ?? packagesLoad.error} />
      {esim ? (
        <p className="esim-install__name esim-topup__intro">
          <Link href={`/esims/${esim.id}`}>{esim.name}</Link>
          <span className="esim-install__iccid">
            {t('esimTopUp.intro', { iccid: groupedIccid(esim.iccid) })}
          </span>
        </p>
      ) : null}
      {esim && !allowed ? <p className="notice notice--warning">{t('esimTopUp.notAllowed')}</p> : null}
      {esim && allowed && packages?.length === 0 ? (
        <p className="notice notice--empty">{t('esimTopUp.none')}</p>
      ) : null}
      {esim && allowed && packages && packages.length > 0 ? (
        <section className="buy" aria-labelledby="buy-heading">
          <h2 id="buy-heading" className="visually-hidden">
            {t('esimTopUp.title')}
          </h2>
          <ol className="buy-steps">
            <li className="buy-step">
              <fieldset className="buy-step__group">
                <legend className="buy-step__title">{t('esimTopUp.step.package')}</legend>
                <div className="choice-list choice-list--offers">
                  {packages.map((pkg) => (
                    <PackageChoice
                      key={pkg.package_id}
                      pkg={pkg}
                      checked={chosen === pkg.package_id}
                      onChoose={() => setChosen(pkg.package_id)}
                    />
                  ))}
                </div>
              </fieldset>
              <CnyRateNote />
            </li>
            <CheckoutSteps product={chosen ? { type: 'esim_topup', esim: esim.id, package: chosen } : null} />
          </ol>
        </section>
      ) : null}
    </AccountLayout>
  );
}

function PackageChoice({
  pkg,
  checked,
  onChoose,
}: {
  pkg: EsimTopUpPackage;
  checked: boolean;
  onChoose: () => void;
}) {
  const { t, locale, plural } = useI18n();
  const countries = countryNames(locale, pkg.countries, 4);
  return (
    <label className="choice choice--offer">
      <input type="radio" name="package" checked={checked} onChange={onChoose} />
      <span className="choice__body">
        <span className="choice__title">{pkg.name}</span>
        <span className="choice__detail">
          {packageData(locale, pkg, t('esimLine.unlimited'))} ·{' '}
          {plural('plan.validity.days', pkg.validity_days)} · {countries.names}
          {countries.more > 0 ? ` ${t('esimBuy.countriesMore', { count: countries.more })}` : ''}
        </span>
      </span>
      <span className="choice__price">
        <MoneyText money={pkg.price} />
        <CnyEstimate money={pkg.price} amountOnly />
      </span>
    </label>
  );
}
