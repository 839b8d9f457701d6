import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { LOCALES, isLocale } from '../i18n';
import { Field, fieldError, FormAlert, SubmitButton, useAction, useLoad, formText } from '../ui/forms';
import type { AddedStaffMember, ApiList, StaffMember, StaffRole } from '../api/types';
import { api } from '../ui/http';
import { NoAccess } from './ConsoleApp';
import { useStaffSession } from './staffSession';

const ROLES = ['owner', 'admin', 'support', 'finance'] as const satisfies readonly StaffRole[];

export function StaffPage() {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const list = useLoad();
  const add = useAction();
  const [members, setMembers] = useState<StaffMember[]>([]);
  const [added, setAdded] = useState<AddedStaffMember | null>(null);
  const reload = async () => {
    const page = await list.run(() => api<ApiList<'/v1/staff'>>('/v1/staff', { locale }));
    if (page) setMembers(page.data);
  };
  useEffect(() => {
    void reload();
  }, []); // once on open
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = {
      email: formText(form, 'email').trim(),
      role: formText(form, 'role'),
      locale: isLocale(formText(form, 'locale')) ? formText(form, 'locale') : locale,
    };
    const member = await add.run((idempotencyKey) =>
      api<AddedStaffMember>('/v1/staff', {
        method: 'POST',
        body,
        locale,
        csrfToken: session?.csrf_token,
        idempotencyKey,
      }),
    );
    if (!member) return;
    setAdded(member);
    formElement.reset();
    await reload();
  };
  const canManage = session?.staff.permissions.includes('staff.manage') ?? false;
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
      : '—';
  if (list.error?.code === 'permission_denied') return <NoAccess />;
  return (
    <section>
      <h1>{t('console.nav.staff')}</h1>
      <FormAlert error={list.error} />
      <table className="data-table">
        <caption>{t('console.staff.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auth.email')}</th>
            <th scope="col">{t('console.staff.role')}</th>
            <th scope="col">{t('console.staff.totp')}</th>
            <th scope="col">{t('console.staff.lastLogin')}</th>
            <th scope="col">{t('console.staff.status')}</th>
            {canManage ? (
              <th scope="col">
                <span className="visually-hidden">{t('apiKeys.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.email}</td>
              <td>{t(`console.role.${member.role}`)}</td>
              <td>{member.totp_enabled ? t('console.staff.totpOn') : t('console.staff.totpOff')}</td>
              <td>{when(member.last_login)}</td>
              <td>{member.status === 'active' ? t('console.staff.active') : t('console.staff.disabled')}</td>
              {canManage ? (
                <td>
                  {member.id === session?.staff.id ? null : (
                    <MemberActions member={member} onChanged={reload} />
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage ? (
        <section className="panel">
          <h2>{t('console.staff.add')}</h2>
          {added?.set_password_url ? (
            <div className="notice notice--warning" role="status">
              <p>{t('console.staff.linkOnce', { email: added.email })}</p>
              <input
                readOnly
                value={added.set_password_url}
                aria-label={t('console.staff.link')}
                onFocus={(event) => event.currentTarget.select()}
              />
            </div>
          ) : null}
          <form className="form" onSubmit={(event) => void submit(event)} noValidate>
            <FormAlert error={add.error} fields={['email']} />
            <Field
              label={t('auth.email')}
              name="email"
              type="email"
              required
              error={fieldError(add.error, 'email')}
            />
            <div className="field">
              <label htmlFor="staff-role">{t('console.staff.role')}</label>
              <select id="staff-role" name="role" defaultValue="support">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`console.role.${role}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="staff-locale">{t('console.staff.language')}</label>
              <select id="staff-locale" name="locale" defaultValue={locale}>
                {LOCALES.map((option) => (
                  <option key={option} value={option} lang={option}>
                    {t(`language.${option}`)}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton busy={add.busy}>{t('console.staff.add')}</SubmitButton>
          </form>
        </section>
      ) : null}
    </section>
  );
}

function MemberActions({ member, onChanged }: { member: StaffMember; onChanged: () => Promise<void> }) {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const action = useAction();
  const change = async (path: 'disable' | 'enable' | 'reset-totp', confirmation: string) => {
    if (!window.confirm(confirmation)) return;
    const done = await action.run(() =>
      api(`/v1/staff/${member.id}/${path}`, { method: 'POST', locale, csrfToken: session?.csrf_token }).then(
        () => true,
      ),
    );
    if (done) await onChanged();
  };
  return (
    <div className="row-actions">
      <FormAlert error={action.error} />
      {member.status === 'active' ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={action.busy}
          onClick={() => void change('disable', t('console.staff.confirmDisable', { email: member.email }))}
        >
          {t('console.staff.disable')}
        </button>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          disabled={action.busy}
          onClick={() => void change('enable', t('console.staff.confirmEnable', { email: member.email }))}
        >
          {t('console.staff.enable')}
        </button>
      )}
      {member.totp_enabled ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={action.busy}
          onClick={() =>
            void change('reset-totp', t('console.staff.confirmResetTotp', { email: member.email }))
          }
        >
          {t('console.staff.resetTotp')}
        </button>
      ) : null}
    </div>
  );
}
