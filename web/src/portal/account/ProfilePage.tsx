import { useMemo, useState, type FormEvent } from 'react';
import { isLocale } from '../../i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, SubmitButton, useAction, formText } from '../../ui/forms';
import { api } from '../../ui/http';
import type { Customer } from '../../api/types';
import { useSession } from '../session';
import { AccountLayout } from './AccountLayout';

function timeZones(): string[] {
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [browser, ...all.filter((zone) => zone !== browser)];
}

export function ProfilePage() {
  const { t } = useI18n();
  return (
    <AccountLayout title={t('account.nav.profile')}>
      <ProfileForm />
    </AccountLayout>
  );
}

function ProfileForm() {
  const { t, locale, setLocale } = useI18n();
  const { session, setCustomer } = useSession();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const zones = useMemo(timeZones, []);
  const customer = session!.customer;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const value = (name: string) => formText(form, name).trim();
    const body = {
      name: value('name') || null,
      phone: value('phone') || null,
      locale: value('locale'),
      display_currency: value('display_currency'),
      time_zone: value('time_zone'),
    };
    const updated = await action.run(() =>
      api<Customer>('/v1/account', { method: 'PATCH', body, locale, csrfToken: session?.csrf_token }),
    );
    if (!updated) return;
    setCustomer(updated);
    setSaved(true);
    if (isLocale(updated.locale) && updated.locale !== locale) setLocale(updated.locale);
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert error={action.error} fields={['name', 'phone', 'time_zone']} />
      {saved ? (
        <p role="status" className="notice notice--success">
          {t('profile.saved')}
        </p>
      ) : null}
      <p>
        <span className="label">{t('auth.email')}</span> {customer.email}
      </p>
      <Field
        label={t('register.name')}
        name="name"
        defaultValue={customer.name ?? ''}
        autoComplete="name"
        error={fieldError(action.error, 'name')}
      />
      <Field
        label={t('register.phone')}
        name="phone"
        type="tel"
        defaultValue={customer.phone ?? ''}
        hint={t('register.phoneHint')}
        error={fieldError(action.error, 'phone')}
      />
      <div className="field">
        <label htmlFor="profile-locale">{t('profile.language')}</label>
        <select id="profile-locale" name="locale" defaultValue={customer.locale}>
          <option value="zh-CN" lang="zh-CN">
            简体中文
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="profile-currency">{t('profile.currency')}</label>
        <select id="profile-currency" name="display_currency" defaultValue={customer.display_currency}>
          <option value="CNY">{t('profile.currency.CNY')}</option>
          <option value="USD">{t('profile.currency.USD')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="profile-zone">{t('profile.timeZone')}</label>
        <select id="profile-zone" name="time_zone" defaultValue={customer.time_zone}>
          {(zones.includes(customer.time_zone) ? zones : [customer.time_zone, ...zones]).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton busy={action.busy}>{t('profile.save')}</SubmitButton>
    </form>
  );
}
