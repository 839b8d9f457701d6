import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldError, FormAlert, PasswordField, SubmitButton, useAction, formText } from '../../ui/forms';
import { api } from '../../ui/http';
import { useRoute } from '../../ui/router';
import type { ApiList, ApiRequest, CustomerSession, SessionSummary } from '../../api/types';
import { useSession } from '../session';
import { AccountLayout } from './AccountLayout';

export function SecurityPage() {
  const { t } = useI18n();
  return (
    <AccountLayout title={t('account.nav.security')}>
      <ChangePasswordForm />
      <SessionList />
    </AccountLayout>
  );
}

function ChangePasswordForm() {
  const { t, locale } = useI18n();
  const { session, setSession } = useSession();
  const action = useAction();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body: ApiRequest<'/v1/account/password', 'post'> = {
      current_password: formText(form, 'current_password'),
      new_password: formText(form, 'new_password'),
    };
    const next = await action.run(() =>
      api<CustomerSession>('/v1/account/password', {
        method: 'POST',
        body,
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (!next) return;
    setSession(next);
    setDone(true);
    formElement.reset();
  };
  return (
    <section className="panel">
      <h2>{t('security.changePassword')}</h2>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert error={action.error} fields={['current_password', 'new_password']} />
        {done ? (
          <p role="status" className="notice notice--success">
            {t('security.passwordChanged')}
          </p>
        ) : null}
        <PasswordField
          label={t('security.currentPassword')}
          name="current_password"
          autoComplete="current-password"
          required
          error={fieldError(action.error, 'current_password')}
        />
        <PasswordField
          label={t('reset.newPassword')}
          name="new_password"
          autoComplete="new-password"
          required
          hint={t('auth.passwordRule')}
          error={fieldError(action.error, 'new_password')}
        />
        <SubmitButton busy={action.busy}>{t('security.changePassword')}</SubmitButton>
      </form>
    </section>
  );
}

function SessionList() {
  const { t, locale } = useI18n();
  const { session, setSession } = useSession();
  const { navigate } = useRoute();
  const action = useAction();
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const zone = session?.customer.time_zone;
  const load = useCallback(async () => {
    const list = await action.run(() =>
      api<ApiList<'/v1/account/sessions'>>('/v1/account/sessions', { locale }),
    );
    if (list) setSessions(list.data);
  }, [action, locale]);
  useEffect(() => {
    void load();
  }, []); // once on open; actions below reload
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(
      new Date(iso),
    );
  const signOut = async (id: string, current: boolean) => {
    const done = await action.run(() =>
      api(`/v1/account/sessions/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        locale,
        csrfToken: session?.csrf_token,
      }).then(() => true),
    );
    if (!done) return;
    if (current) {
      setSession(null);
      navigate('/login', { replace: true });
    } else await load();
  };
  const signOutEverywhere = async () => {
    const done = await action.run(() =>
      api('/v1/account/sessions', { method: 'DELETE', locale, csrfToken: session?.csrf_token }).then(
        () => true,
      ),
    );
    if (!done) return;
    setSession(null);
    navigate('/login', { replace: true });
  };
  return (
    <section className="panel">
      <h2>{t('security.devices')}</h2>
      <FormAlert error={action.error} />
      {sessions === null ? <p role="status">{t('account.loading')}</p> : null}
      <ul className="session-list">
        {sessions?.map((item) => (
          <li key={item.id} className="session-list__item">
            <div>
              <p className="session-list__device">
                {item.user_agent ?? t('security.unknownDevice')}
                {item.current ? <span className="badge">{t('security.thisDevice')}</span> : null}
              </p>
              <p className="session-list__meta">
                {t('security.sessionMeta', { ip: item.ip ?? '—', when: when(item.last_active) })}
              </p>
            </div>
            <button
              type="button"
              className="button button--secondary"
              disabled={action.busy}
              onClick={() => void signOut(item.id, item.current)}
            >
              {t('security.signOutDevice')}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--danger"
        disabled={action.busy}
        onClick={() => void signOutEverywhere()}
      >
        {t('security.signOutEverywhere')}
      </button>
    </section>
  );
}
