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
import { api } from '../../ui/http';
import { Link, safeNextPath, useRoute } from '../../ui/router';
import type { ApiRequest, CustomerSession } from '../../api/types';
import { useSession } from '../session';
import { forgetNext } from './afterSignIn';
import { AuthCard } from './AuthCard';
import { ResendVerification } from './ResendVerification';

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const { query, navigate } = useRoute();
  const { setSession } = useSession();
  const action = useAction();
  const [email, setEmail] = useState('');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: ApiRequest<'/v1/sessions', 'post'> = {
      email: formText(form, 'email').trim(),
      password: formText(form, 'password'),
    };
    setEmail(body.email);
    const session = await action.run(() =>
      api<CustomerSession>('/v1/sessions', { method: 'POST', body, locale }),
    );
    if (!session) return;
    setSession(session);
    if (session.customer.locale !== locale) setLocale(session.customer.locale);
    forgetNext();
    navigate(safeNextPath(query.get('next'), '/account'), { replace: true });
  };

  return (
    <AuthCard title={t('login.title')}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={['email', 'password']} />
        {action.error?.code === 'email_not_verified' && email ? <ResendVerification email={email} /> : null}
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
      <p className="auth-card__footer">
        <Link href="/forgot-password">{t('login.forgot')}</Link>
        {' · '}
        <Link
          href={query.get('next') ? `/register?next=${encodeURIComponent(query.get('next')!)}` : '/register'}
        >
          {t('auth.register')}
        </Link>
      </p>
    </AuthCard>
  );
}
