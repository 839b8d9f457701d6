import './esim.css';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDataAmount } from '../../ui/format';
import { useSession } from '../session';
import type { EsimInstallState } from './types';

/** The install states a profile passes through, in order (`deleted` is off this path). */
const PATH: EsimInstallState[] = ['not_installed', 'downloaded', 'installed', 'enabled'];

/** A time in the customer's zone, medium date and short time. */
export function useWhen(): (iso: string) => string {
  const { locale } = useI18n();
  const { session } = useSession();
  return (iso) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: session?.customer.time_zone,
    }).format(new Date(iso));
}

/** 未安装 / 已安装…: a badge coloured by how far the profile got. */
export function InstallStateBadge({ state }: { state: EsimInstallState }) {
  const { t } = useI18n();
  return <span className={`esim-state esim-state--${state}`}>{t(`esimState.${state}`)}</span>;
}

/** The install path as steps: done, current, still to come. Announced when it moves. */
export function InstallProgress({ state, at }: { state: EsimInstallState; at: string }) {
  const { t } = useI18n();
  const when = useWhen();
  const reached = PATH.indexOf(state);
  return (
    <div className="esim-progress" role="status" aria-live="polite">
      <p className="esim-progress__now">
        <InstallStateBadge state={state} />{' '}
        <span className="esim-progress__since">{t('esimState.since', { time: when(at) })}</span>
      </p>
      {state === 'deleted' ? null : (
        <ol className="esim-progress__path">
          {PATH.map((step, index) => (
            <li
              key={step}
              className={
                index < reached
                  ? 'esim-progress__step esim-progress__step--done'
                  : index === reached
                    ? 'esim-progress__step esim-progress__step--current'
                    : 'esim-progress__step'
              }
              aria-current={index === reached ? 'step' : undefined}
            >
              {t(`esimState.${step}`)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

const COPIED_MS = 2_500;

/** A value to type into the phone, read-only, with a copy button that says 已复制 when it has. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(null), COPIED_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // no clipboard (an http page, a refused permission): select the text for a long-press copy
      input.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input
          id={id}
          ref={input}
          className="copy-field__value"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <button
          type="button"
          className="button button--secondary copy-field__button"
          onClick={() => void copy()}
        >
          {t('esimInstall.copy')}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
      <p className="copy-field__status" role="status">
        {copied === 'yes' ? t('esimInstall.copied') : copied === 'failed' ? t('esimInstall.copyFailed') : ''}
      </p>
    </div>
  );
}

/** A package's data: `1 GB`, or the unlimited label given. */
export function packageData(
  locale: string,
  pkg: { data_mb: number | null; unlimited: boolean },
  unlimited: string,
): string {
  if (pkg.unlimited || pkg.data_mb === null) return unlimited;
  return formatDataAmount(locale, pkg.data_mb);
}
