import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, FormAlert, SubmitButton, useAction, formText } from '../../ui/forms';
import type { ApiRequest, EmailVerification } from '../../api/types';
import { api, ApiError } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { loginPath, rememberedNext } from './afterSignIn';
import { AuthCard, SuccessNotice } from './AuthCard';

/** Opened from the emailed link: confirms the token once, or offers a new link. */
export function VerifyEmailPage() {
  const { t, locale } = useI18n();
  const { query } = useRoute();
  const token = query.get('token') ?? '';
  const [state, setState] = useState<
    { kind: 'working' } | { kind: 'done'; email: string } | { kind: 'failed'; message: string }
  >({ kind: 'working' });
  const started = useRef(false);
  const [next] = useState(() => rememberedNext());

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api<EmailVerification>('/v1/email-verifications', {
      method: 'POST',
      body: { token } satisfies ApiRequest<'/v1/email-verifications', 'post'>,
      locale,
    }).then(
      (result) => setState({ kind: 'done', email: result.email }),
      (error: unknown) =>
        setState({
          kind: 'failed',
          message: error instanceof ApiError && error.message ? error.message : t('form.networkError'),
        }),
    );
  }, [token, locale, t]);

  if (state.kind === 'working') {
    return (
      <AuthCard title={t('verify.title')}>
        <p role="status">{t('verify.working')}</p>
      </AuthCard>
    );
  }
  if (state.kind === 'done') {
    return (
      <AuthCard title={t('verify.doneTitle')}>
        <SuccessNotice>
          <p>{t('verify.done', { email: state.email })}</p>
        </SuccessNotice>
        <Link className="button button--primary" href={loginPath(next)}>
          {t('auth.login')}
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('verify.failedTitle')}>
      <div className="notice notice--error" role="alert">
        <p className="notice__message">{state.message}</p>
      </div>
      <ResendByEmail />
    </AuthCard>
  );
}

function ResendByEmail() {
  const { t, locale } = useI18n();
  const action = useAction();
  const [sent, setSent] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = formText(new FormData(event.currentTarget), 'email').trim();
    const done = await action.run(() =>
      api('/v1/email-verifications/resend', {
        method: 'POST',
        body: { email } satisfies ApiRequest<'/v1/email-verifications/resend', 'post'>,
        locale,
      }).then(() => true),
    );
    if (done) setSent(true);
  };
  if (sent) return <p role="status">{t('verify.resentNeutral')}</p>;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert error={action.error} />
      <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required />
      <SubmitButton busy={action.busy}>{t('verify.resend')}</SubmitButton>
    </form>
  );
}
