import './messages';
import './esim.css';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert } from '../../ui/forms';
import { Link } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { CopyField, InstallProgress } from './EsimParts';
import { androidGuideOf, groupedIccid, platformOf, type Platform } from './esimText';
import { ON_PHONE, type Esim } from './types';
import { useEsim } from './useEsim';

/** How often the page asks whether the phone has reported the profile installed. */
const POLL_MS = 3_000;
const GUIDES = ['iphone', 'samsung', 'pixel'] as const;
type Guide = (typeof GUIDES)[number];
const GUIDE_STEPS = [1, 2, 3, 4, 5] as const;

/**
 * 安装 eSIM: the "scan once, never delete" warning first; on an iPhone the one-tap install, on Android the LPA
 * code to paste, everywhere the QR code (and its PNG) and the manual fields with copy buttons; the guide per
 * platform; the install state, read every few seconds until the phone reports it installed.
 */
export function EsimInstallPage({ esimId }: { esimId: string }) {
  const { t } = useI18n();
  const { esim, load } = useEsim(esimId, {
    pollMs: POLL_MS,
    pollWhile: (state) => !ON_PHONE.includes(state) && state !== 'deleted',
  });
  const platform = platformOf(navigator.userAgent);
  return (
    <AccountLayout title={t('esimInstall.title')}>
      {esim ? null : <FormAlert error={load.error} />}
      {esim ? (
        <div className="esim-install">
          <p className="esim-install__name">
            <Link href={`/esims/${esim.id}`}>{esim.name}</Link>
            <span className="esim-install__iccid">ICCID {groupedIccid(esim.iccid)}</span>
          </p>
          <InstallProgress state={esim.install_state} at={esim.install_state_at} />
          {ON_PHONE.includes(esim.install_state) ? (
            <div className="notice notice--success">
              <p>
                {t('esimInstall.done')} {t('esimInstall.doneNoScan')}
              </p>
              <Link className="button button--primary" href={`/esims/${esim.id}`}>
                {t('esimInstall.toLine')}
              </Link>
            </div>
          ) : esim.install_state === 'deleted' ? (
            <p className="notice notice--error">{t('esimInstall.deleted')}</p>
          ) : (
            <InstallWays esim={esim} platform={platform} />
          )}
        </div>
      ) : null}
    </AccountLayout>
  );
}

function InstallWays({ esim, platform }: { esim: Esim; platform: Platform }) {
  const { t } = useI18n();
  const { install } = esim;
  return (
    <>
      <p className="field__hint">{t('esimInstall.state.waiting')}</p>
      <div className="esim-warning" role="note" aria-labelledby="esim-warning-title">
        <h2 id="esim-warning-title">{t('esimInstall.warning.title')}</h2>
        <ul>
          <li>{t('esimInstall.warning.once')}</li>
          <li>
            <strong>{t('esimInstall.warning.delete')}</strong>
          </li>
          <li>{t('esimInstall.warning.network')}</li>
        </ul>
      </div>
      {install.confirmation_code_required ? (
        <p className="notice notice--info">{t('esimInstall.confirmation')}</p>
      ) : null}
      {platform === 'ios' ? (
        <section className="esim-way esim-way--first" aria-labelledby="one-tap">
          <h2 id="one-tap">{t('esimInstall.oneTap.title')}</h2>
          <a
            className="button button--primary button--large esim-way__one-tap"
            href={install.apple_install_url}
          >
            {t('esimInstall.oneTap.button')}
          </a>
          <p className="field__hint">{t('esimInstall.oneTap.hint')}</p>
        </section>
      ) : null}
      {platform === 'android' ? (
        <section className="esim-way esim-way--first" aria-labelledby="android-lpa">
          <h2 id="android-lpa">{t('esimInstall.android.title')}</h2>
          <p>{t('esimInstall.android.hint')}</p>
          <CopyField label={t('esimInstall.lpa')} value={install.activation_code} />
        </section>
      ) : null}
      <div className="esim-install__ways">
        <section className="esim-way esim-qr" aria-labelledby="qr-heading">
          <h2 id="qr-heading">{t('esimInstall.qr.title')}</h2>
          <p>{t('esimInstall.qr.hint')}</p>
          <img
            className="esim-qr__image"
            src={install.qr_svg_url}
            alt={t('esimInstall.qr.alt')}
            width={240}
            height={240}
          />
          <p>
            <a href={install.qr_png_url} download={`esim-${esim.iccid}.png`}>
              {t('esimInstall.qr.download')}
            </a>
          </p>
          {platform === 'other' ? null : <p className="field__hint">{t('esimInstall.qr.onPhone')}</p>}
        </section>
        <section className="esim-way" aria-labelledby="manual-heading">
          <h2 id="manual-heading">{t('esimInstall.manual.title')}</h2>
          <p>{t('esimInstall.manual.hint')}</p>
          <CopyField label={t('esimInstall.manual.smdp')} value={install.smdp_address} />
          <CopyField label={t('esimInstall.manual.code')} value={install.matching_id} />
          {platform === 'android' ? null : (
            <CopyField label={t('esimInstall.lpa')} value={install.activation_code} />
          )}
        </section>
      </div>
      <InstallGuide platform={platform} />
    </>
  );
}

/** 安装步骤 for iPhone, Samsung and Pixel; the one for this phone starts open. */
function InstallGuide({ platform }: { platform: Platform }) {
  const { t } = useI18n();
  const open: Guide | null =
    platform === 'ios' ? 'iphone' : platform === 'android' ? androidGuideOf(navigator.userAgent) : null;
  return (
    <section className="esim-guide" aria-labelledby="guide-heading">
      <h2 id="guide-heading">{t('esimInstall.guide.title')}</h2>
      {GUIDES.map((guide) => (
        <details key={guide} className="esim-guide__platform" open={open === null || open === guide}>
          <summary>{t(`esimInstall.guide.${guide}`)}</summary>
          <ol>
            {GUIDE_STEPS.map((step) => (
              <li key={step}>{t(`esimInstall.guide.${guide}.${step}` as const)}</li>
            ))}
          </ol>
        </details>
      ))}
    </section>
  );
}
