import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldError, FormAlert, PasswordField, SubmitButton, useAction, formText } from '../../ui/forms';
import { api, ApiError } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { AuthCard, SuccessNotice } from './AuthCard';
import type { ApiRequest } from '../../api/types';

export function ResetPasswordPage() {
  const { t, locale } = useI18n();
  const { query } = useRoute();
  const action = useAction();
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = formText(form, 'new_password');
    setMismatch(password !== formText(form, 'confirm'));
    if (password !== formText(form, 'confirm')) return;
    const body: ApiRequest<'/v1/password-resets/confirm', 'post'> = {
      token: query.get('token') ?? '',
      new_password: password,
    };
    const ok = await action.run(() =>
      api('/v1/password-resets/confirm', { method: 'POST', body, locale }).then(() => true),
    );
    if (ok) setDone(true);
  };
  if (done) {
    return (
      <AuthCard title={t('reset.doneTitle')}>
        <SuccessNotice>
          <p>{t('reset.done')}</p>
        </SuccessNotice>
        <Link className="button button--primary" href="/login">
          {t('auth.login')}
        </Link>
      </AuthCard>
    );
  }
  const tokenProblem = action.error instanceof ApiError && action.error.param === 'token';
  return (
    <AuthCard title={t('reset.title')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={['new_password']} />
        {tokenProblem ? (
          <p>
            <Link href="/forgot-password">{t('reset.newLink')}</Link>
          </p>
        ) : null}
        <PasswordField
          label={t('reset.newPassword')}
          name="new_password"
          autoComplete="new-password"
          required
          hint={t('auth.passwordRule')}
          error={fieldError(action.error, 'new_password')}
        />
        <PasswordField
          label={t('reset.confirm')}
          name="confirm"
          autoComplete="new-password"
          required
          error={mismatch ? t('reset.mismatch') : undefined}
        />
        <SubmitButton busy={action.busy}>{t('reset.submit')}</SubmitButton>
      </form>
    </AuthCard>
  );
}
