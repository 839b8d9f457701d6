import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { AuthCard, SuccessNotice } from '../portal/account/AuthCard';
import { fieldError, FormAlert, PasswordField, SubmitButton, useAction, formText } from '../ui/forms';
import { api } from '../ui/http';
import { Link, useRoute } from '../ui/router';
import type { ApiRequest } from '../api/types';

export function SetPasswordPage() {
  const { t, locale } = useI18n();
  const { query } = useRoute();
  const action = useAction();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = formText(new FormData(event.currentTarget), 'password');
    const body: ApiRequest<'/v1/staff/password-setups', 'post'> = {
      token: query.get('token') ?? '',
      password,
    };
    const ok = await action.run(() =>
      api('/v1/staff/password-setups', { method: 'POST', body, locale }).then(() => true),
    );
    if (ok) setDone(true);
  };
  if (done) {
    return (
      <AuthCard title={t('console.setPassword.title')}>
        <SuccessNotice>
          <p>{t('console.setPassword.done')}</p>
        </SuccessNotice>
        <Link className="button button--primary" href="/console/login">
          {t('console.login.title')}
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('console.setPassword.title')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={['password']} />
        <PasswordField
          label={t('reset.newPassword')}
          name="password"
          autoComplete="new-password"
          required
          hint={t('auth.passwordRule')}
          error={fieldError(action.error, 'password')}
        />
        <SubmitButton busy={action.busy}>{t('console.setPassword.submit')}</SubmitButton>
      </form>
    </AuthCard>
  );
}
