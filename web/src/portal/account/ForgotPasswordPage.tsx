import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, SubmitButton, useAction, formText } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { AuthCard, SuccessNotice } from './AuthCard';
import type { ApiRequest } from '../../api/types';

export function ForgotPasswordPage() {
  const { t, locale } = useI18n();
  const action = useAction();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = formText(new FormData(event.currentTarget), 'email').trim();
    const done = await action.run(() =>
      api('/v1/password-resets', {
        method: 'POST',
        body: { email } satisfies ApiRequest<'/v1/password-resets', 'post'>,
        locale,
      }).then(() => true),
    );
    if (done) setSentTo(email);
  };
  if (sentTo) {
    return (
      <AuthCard title={t('forgot.title')}>
        <SuccessNotice>
          <p>{t('forgot.sent', { email: sentTo })}</p>
        </SuccessNotice>
        <Link href="/login">{t('auth.goToLogin')}</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('forgot.title')} intro={t('forgot.intro')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={['email']} />
        <Field
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldError(action.error, 'email')}
        />
        <SubmitButton busy={action.busy}>{t('forgot.submit')}</SubmitButton>
      </form>
    </AuthCard>
  );
}
