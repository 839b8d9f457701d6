import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import {
  Field,
  fieldError,
  FormAlert,
  PasswordField,
  SubmitButton,
  useAction,
  formText,
} from '../../ui/forms';
import type { ApiRequest, Registration } from '../../api/types';
import { api } from '../../ui/http';
import { Link, safeNextPath, useRoute } from '../../ui/router';
import { loginPath, rememberNext } from './afterSignIn';
import { AuthCard, SuccessNotice } from './AuthCard';
import { ResendVerification } from './ResendVerification';

export function RegisterPage() {
  const { t, locale } = useI18n();
  const { query } = useRoute();
  const next = query.get('next');
  const action = useAction();
  const [registered, setRegistered] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => formText(form, name).trim();
    const body: ApiRequest<'/v1/registrations', 'post'> = {
      email: text('email'),
      password: formText(form, 'password'),
      ...(text('phone') ? { phone: text('phone') } : {}),
      ...(text('name') ? { name: text('name') } : {}),
      locale,
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
    const result = await action.run((idempotencyKey) =>
      api<Registration>('/v1/registrations', { method: 'POST', body, locale, idempotencyKey }),
    );
    if (result) {
      rememberNext(next);
      setRegistered(result.email);
    }
  };

  if (registered) {
    return (
      <AuthCard title={t('register.sentTitle')}>
        <SuccessNotice>
          <p>{t('register.sent', { email: registered })}</p>
        </SuccessNotice>
        <ResendVerification email={registered} />
        <p>
          <Link href={next ? loginPath(safeNextPath(next, '')) : '/login'}>{t('auth.goToLogin')}</Link>
        </p>
      </AuthCard>
    );
  }

  const fields = ['email', 'password', 'phone', 'name'];
  return (
    <AuthCard title={t('register.title')} intro={t('register.intro')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={fields} />
        <Field
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldError(action.error, 'email')}
        />
        <PasswordField
          label={t('auth.password')}
          name="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={t('auth.passwordRule')}
          error={fieldError(action.error, 'password')}
        />
        <Field
          label={t('register.phone')}
          name="phone"
          type="tel"
          autoComplete="tel"
          placeholder="+1 415 555 0123"
          hint={t('register.phoneHint')}
          error={fieldError(action.error, 'phone')}
        />
        <Field
          label={t('register.name')}
          name="name"
          autoComplete="name"
          error={fieldError(action.error, 'name')}
        />
        <SubmitButton busy={action.busy}>{t('register.submit')}</SubmitButton>
      </form>
      <p className="auth-card__footer">
        {t('register.haveAccount')} <Link href="/login">{t('auth.login')}</Link>
      </p>
    </AuthCard>
  );
}
