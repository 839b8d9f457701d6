import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, SubmitButton, useAction, formText } from '../../ui/forms';
import type { ApiKey, ApiKeyScope, ApiList } from '../../api/types';
import { api } from '../../ui/http';
import { useSession } from '../session';
import { AccountLayout } from './AccountLayout';

const SCOPES = [
  'account:read',
  'orders:read',
  'orders:write',
  'lines:read',
  'lines:write',
] as const satisfies readonly ApiKeyScope[];

export function ApiKeysPage() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <AccountLayout title={t('account.nav.apiKeys')}>
      <p>{t('apiKeys.intro')}</p>
      {session?.customer.api_access ? (
        <ApiKeys />
      ) : (
        <p className="notice" role="status">
          {t('apiKeys.notPartner')}
        </p>
      )}
    </AccountLayout>
  );
}

function ApiKeys() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const list = useAction();
  const create = useAction();
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const csrfToken = session?.csrf_token;
  const zone = session?.customer.time_zone;
  const reload = async () => {
    const page = await list.run(() =>
      api<ApiList<'/v1/account/api-keys'>>('/v1/account/api-keys', { locale }),
    );
    if (page) setKeys(page.data);
  };
  useEffect(() => {
    void reload();
  }, []); // once on open
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(
          new Date(iso),
        )
      : t('apiKeys.never');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = {
      name: formText(form, 'name').trim(),
      mode: formText(form, 'mode'),
      scopes: form.getAll('scopes').map(String),
    };
    const key = await create.run((idempotencyKey) =>
      api<ApiKey>('/v1/account/api-keys', { method: 'POST', body, locale, csrfToken, idempotencyKey }),
    );
    if (!key) return;
    setCreated(key);
    formElement.reset();
    await reload();
  };
  const revoke = async (key: ApiKey) => {
    if (!window.confirm(t('apiKeys.confirmRevoke', { name: key.name }))) return;
    const done = await list.run(() =>
      api(`/v1/account/api-keys/${key.id}`, { method: 'DELETE', locale, csrfToken }).then(() => true),
    );
    if (done) await reload();
  };

  return (
    <>
      {created?.secret ? (
        <div className="notice notice--warning" role="status">
          <p>{t('apiKeys.shownOnce')}</p>
          <label className="secret-box">
            <span>{created.name}</span>
            <input
              readOnly
              value={created.secret}
              onFocus={(event) => event.currentTarget.select()}
              aria-label={t('apiKeys.secret')}
            />
          </label>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void navigator.clipboard?.writeText(created.secret!)}
          >
            {t('apiKeys.copy')}
          </button>
        </div>
      ) : null}
      <FormAlert error={list.error} />
      <table className="data-table">
        <caption>{t('apiKeys.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('apiKeys.name')}</th>
            <th scope="col">{t('apiKeys.key')}</th>
            <th scope="col">{t('apiKeys.scopes')}</th>
            <th scope="col">{t('apiKeys.lastUsed')}</th>
            <th scope="col">{t('apiKeys.created')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('apiKeys.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <code>{key.redacted}</code> {key.mode === 'live' ? t('apiKeys.live') : t('apiKeys.test')}
              </td>
              <td>{key.scopes.join(', ')}</td>
              <td>{when(key.last_used)}</td>
              <td>{when(key.created)}</td>
              <td>
                {key.revoked ? (
                  t('apiKeys.revokedAt', { when: when(key.revoked) })
                ) : (
                  <button type="button" className="button button--secondary" onClick={() => void revoke(key)}>
                    {t('apiKeys.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="panel">
        <h2>{t('apiKeys.create')}</h2>
        <form className="form" onSubmit={(event) => void submit(event)} noValidate>
          <FormAlert error={create.error} fields={['name']} />
          <Field
            label={t('apiKeys.name')}
            name="name"
            required
            maxLength={100}
            error={fieldError(create.error, 'name')}
          />
          <fieldset>
            <legend>{t('apiKeys.mode')}</legend>
            <label>
              <input type="radio" name="mode" value="test" defaultChecked /> {t('apiKeys.test')}
            </label>
            <label>
              <input type="radio" name="mode" value="live" /> {t('apiKeys.live')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('apiKeys.scopes')}</legend>
            {SCOPES.map((scope) => (
              <label key={scope}>
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={scope === 'account:read'}
                />{' '}
                <code>{scope}</code>
              </label>
            ))}
          </fieldset>
          <SubmitButton busy={create.busy}>{t('apiKeys.create')}</SubmitButton>
        </form>
      </section>
    </>
  );
}
