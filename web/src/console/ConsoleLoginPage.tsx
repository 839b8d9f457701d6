import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { AuthCard } from '../portal/account/AuthCard';
import { Field, fieldError, FormAlert, PasswordField, SubmitButton, useAction, formText } from '../ui/forms';
import { api } from '../ui/http';
import { safeNextPath, useRoute } from '../ui/router';
import type { ApiRequest, StaffSession, TotpEnrollment } from '../api/types';
import { isFullySignedIn, useStaffSession } from './staffSession';

/** Password, then (when needed) the TOTP code or TOTP enrolment. */
export function ConsoleLoginPage() {
  const { t } = useI18n();
  const { session, setSession } = useStaffSession();
  const { query, navigate } = useRoute();
  const finish = (next: StaffSession) => {
    setSession(next);
    if (isFullySignedIn(next)) navigate(safeNextPath(query.get('next'), '/console/audit'), { replace: true });
  };
  if (session?.mfa === 'pending') return <CodeStep session={session} onDone={finish} />;
  if (session && session.mfa_required && session.mfa === 'not_enrolled')
    return <EnrolStep session={session} onDone={finish} />;
  return (
    <AuthCard title={t('console.login.title')}>
      <PasswordStep onDone={finish} />
    </AuthCard>
  );
}

function PasswordStep({ onDone }: { onDone: (session: StaffSession) => void }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: ApiRequest<'/v1/staff/sessions', 'post'> = {
      email: formText(form, 'email').trim(),
      password: formText(form, 'password'),
    };
    const session = await action.run(() =>
      api<StaffSession>('/v1/staff/sessions', { method: 'POST', body, locale }),
    );
    if (session) onDone(session);
  };
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert error={action.error} fields={['email', 'password']} />
      <Field
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="username"
        required
        error={fieldError(action.error, 'email')}
      />
      <PasswordField
        label={t('auth.password')}
        name="password"
        autoComplete="current-password"
        required
        error={fieldError(action.error, 'password')}
      />
      <SubmitButton busy={action.busy}>{t('login.submit')}</SubmitButton>
    </form>
  );
}

function CodeField({ error }: { error: string | undefined }) {
  const { t } = useI18n();
  return (
    <Field
      label={t('console.login.code')}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={6}
      required
      hint={t('console.login.codeHint')}
      error={error}
    />
  );
}

function CodeStep({ session, onDone }: { session: StaffSession; onDone: (session: StaffSession) => void }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = formText(new FormData(event.currentTarget), 'code').trim();
    const next = await action.run(() =>
      api<StaffSession>('/v1/staff/session/mfa', {
        method: 'POST',
        body: { code } satisfies ApiRequest<'/v1/staff/session/mfa', 'post'>,
        locale,
        csrfToken: session.csrf_token,
      }),
    );
    if (next) onDone(next);
  };
  return (
    <AuthCard title={t('console.login.codeTitle')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={['code']} />
        <CodeField error={fieldError(action.error, 'code')} />
        <SubmitButton busy={action.busy}>{t('console.login.verify')}</SubmitButton>
      </form>
    </AuthCard>
  );
}

function EnrolStep({ session, onDone }: { session: StaffSession; onDone: (session: StaffSession) => void }) {
  const { t, locale } = useI18n();
  const start = useAction();
  const confirm = useAction();
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const begin = async () => {
    const result = await start.run(() =>
      api<TotpEnrollment>('/v1/staff/session/totp', {
        method: 'POST',
        locale,
        csrfToken: session.csrf_token,
      }),
    );
    if (result) setEnrollment(result);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = formText(new FormData(event.currentTarget), 'code').trim();
    const next = await confirm.run(() =>
      api<StaffSession>('/v1/staff/session/totp/confirm', {
        method: 'POST',
        body: { code } satisfies ApiRequest<'/v1/staff/session/totp/confirm', 'post'>,
        locale,
        csrfToken: session.csrf_token,
      }),
    );
    if (next) onDone(next);
  };
  return (
    <AuthCard title={t('console.enrol.title')} intro={t('console.enrol.intro')}>
      <FormAlert error={start.error} />
      {enrollment ? (
        <>
          <img
            className="totp-qr"
            alt={t('console.enrol.qrAlt')}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrollment.qr_svg)}`}
          />
          <p>
            {t('console.enrol.secret')} <code>{enrollment.secret}</code>
          </p>
          <form className="form" onSubmit={(event) => void submit(event)} noValidate>
            <FormAlert error={confirm.error} fields={['code']} />
            <CodeField error={fieldError(confirm.error, 'code')} />
            <SubmitButton busy={confirm.busy}>{t('console.login.verify')}</SubmitButton>
          </form>
        </>
      ) : (
        <button
          type="button"
          className="button button--primary"
          disabled={start.busy}
          onClick={() => void begin()}
        >
          {t('console.enrol.start')}
        </button>
      )}
    </AuthCard>
  );
}
