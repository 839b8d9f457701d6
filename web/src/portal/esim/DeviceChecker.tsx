import './esim.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, formText, SubmitButton, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { useSession } from '../session';
import type { ApiAnswer, ApiRequest, CompatibleDevice, DeviceCheck } from '../../api/types';

type CheckBody = ApiRequest<'/v1/device-checks', 'post'>;

/**
 * The device check, three ways (this phone's browser, a model from the list, the EID) and its verdict with the
 * reason and caveats: on the compatibility page and before an eSIM is bought. `onResult` hears each verdict.
 */
export function DeviceChecker({
  onResult,
  headingLevel = 2,
}: {
  onResult?: (result: DeviceCheck | null) => void;
  /** The level of each way's heading: 2 on its own page, 3 inside a step of another page. */
  headingLevel?: 2 | 3;
}) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const checking = useLoad();
  const [result, setResult] = useState<DeviceCheck | null>(null);
  const [devices, setDevices] = useState<CompatibleDevice[]>([]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    void api<ApiAnswer<'/v1/compatible-devices', 'get', 200>>('/v1/compatible-devices', { locale }).then(
      (list) => setDevices(list.data),
      () => setDevices([]),
    );
  }, [locale]); // device notes are in the reader's language

  const check = async (body: CheckBody) => {
    setResult(null);
    onResult?.(null);
    const answer = await checking.run(() =>
      api<DeviceCheck>('/v1/device-checks', { method: 'POST', body, locale, csrfToken: session?.csrf_token }),
    );
    if (!answer) return;
    setResult(answer);
    onResult?.(answer);
  };
  const byField = (name: 'model' | 'eid') => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), name).trim();
    void check(name === 'model' ? { model: value } : { eid: value });
  };

  return (
    <>
      <div className="esim-check__ways">
        <div className="esim-check__way">
          <Heading>{t('esim.check.thisPhoneTitle')}</Heading>
          <p>{t('esim.check.thisPhoneHint')}</p>
          <button type="button" className="button" onClick={() => void check({})} disabled={checking.busy}>
            {t('esim.check.thisPhone')}
          </button>
        </div>
        <form className="esim-check__way form" onSubmit={byField('model')} noValidate>
          <Heading>{t('esim.check.modelTitle')}</Heading>
          <Field
            label={t('esim.check.model')}
            name="model"
            list="esim-models"
            autoComplete="off"
            placeholder="iPhone 15 Pro"
            hint={t('esim.check.modelHint')}
            error={fieldError(checking.error, 'model')}
          />
          <datalist id="esim-models">
            {devices.map((device) => (
              <option key={device.model} value={device.model} />
            ))}
          </datalist>
          <SubmitButton busy={checking.busy}>{t('esim.check.submit')}</SubmitButton>
        </form>
        <form className="esim-check__way form" onSubmit={byField('eid')} noValidate>
          <Heading>{t('esim.check.eidTitle')}</Heading>
          <Field
            label={t('esim.check.eid')}
            name="eid"
            inputMode="numeric"
            autoComplete="off"
            hint={t('esim.check.eidHint')}
            error={fieldError(checking.error, 'eid')}
          />
          <SubmitButton busy={checking.busy}>{t('esim.check.submit')}</SubmitButton>
        </form>
      </div>
      <FormAlert error={checking.error} fields={['model', 'eid']} />
      {result ? <Verdict result={result} headingLevel={headingLevel} /> : null}
    </>
  );
}

function Verdict({ result, headingLevel }: { result: DeviceCheck; headingLevel: 2 | 3 }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // On a phone the answer is below the three forms: bring it into view.
  // (Braces: Chromium's scrollIntoView now answers a promise, which React would take for a cleanup function.)
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [result]);
  return (
    <div
      ref={box}
      className={`esim-verdict esim-verdict--${result.verdict}`}
      role="status"
      aria-live="polite"
    >
      <Heading>{t(`esim.verdict.${result.verdict}`)}</Heading>
      {result.device ? (
        <p className="esim-verdict__device">
          {result.device.brand} {result.device.model}
        </p>
      ) : null}
      <p>{result.message}</p>
      <ul className="esim-verdict__caveats">
        {result.caveats.map((caveat) => (
          <li key={caveat}>{caveat}</li>
        ))}
      </ul>
    </div>
  );
}
