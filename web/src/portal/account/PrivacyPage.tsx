import { type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldError, FormAlert, PasswordField, useAction, formText } from '../../ui/forms';
import { api } from '../../ui/http';
import { useRoute } from '../../ui/router';
import type { ApiRequest, Customer } from '../../api/types';
import { useSession } from '../session';
import { AccountLayout } from './AccountLayout';

export function PrivacyPage() {
  const { t } = useI18n();
  return (
    <AccountLayout title={t('account.nav.privacy')}>
      <section className="panel">
        <h2>{t('privacy.exportTitle')}</h2>
        <p>{t('privacy.exportIntro')}</p>
        <a className="button button--secondary" href="/v1/account/export" download>
          {t('privacy.export')}
        </a>
      </section>
      <DeleteAccount />
    </AccountLayout>
  );
}

function DeleteAccount() {
  const { t, locale } = useI18n();
  const { session, setSession } = useSession();
  const { navigate } = useRoute();
  const action = useAction();
  if (session?.customer.deletion) return null;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!window.confirm(t('privacy.confirmDelete'))) return;
    const password = formText(new FormData(event.currentTarget), 'password');
    const result = await action.run(() =>
      api<Customer>('/v1/account/deletion', {
        method: 'POST',
        body: { password } satisfies ApiRequest<'/v1/account/deletion', 'post'>,
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (!result) return;
    setSession(null);
    navigate('/login', { replace: true });
  };
  return (
    <section className="panel panel--danger">
      <h2>{t('privacy.deleteTitle')}</h2>
      <p>{t('privacy.deleteIntro')}</p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={['password']} />
        <PasswordField
          label={t('privacy.password')}
          name="password"
          autoComplete="current-password"
          required
          error={fieldError(action.error, 'password')}
        />
        <button type="submit" className="button button--danger" disabled={action.busy}>
          {t('privacy.delete')}
        </button>
      </form>
    </section>
  );
}
