import { useMemo, useState, type FormEvent } from 'react';
import { isLocale } from '../../i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, SubmitButton, useAction, formText } from '../../ui/forms';
import { api } from '../../ui/http';
import type { Customer } from '../../api/types';
import { useSession } from '../session';
import { AccountLayout } from './AccountLayout';

/**
 * The zones SimFill's customers most likely live in, first: China, then the US from east to west. Each with
 * its city in the customer's language (the Intl names of places are English in some browsers).
 */
const LIKELY_ZONES = [
  ['Asia/Shanghai', 'profile.zone.shanghai'],
  ['America/New_York', 'profile.zone.newYork'],
  ['America/Chicago', 'profile.zone.chicago'],
  ['America/Denver', 'profile.zone.denver'],
  ['America/Phoenix', 'profile.zone.phoenix'],
  ['America/Los_Angeles', 'profile.zone.losAngeles'],
  ['America/Anchorage', 'profile.zone.anchorage'],
  ['Pacific/Honolulu', 'profile.zone.honolulu'],
] as const;

/** "Eastern Time · GMT-5": the zone's name and its offset now, in the reader's language. */
function zoneName(zone: string, locale: string): string {
  const part = (style: 'longGeneric' | 'shortOffset') => {
    try {
      return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
        .formatToParts(new Date())
        .find((item) => item.type === 'timeZoneName')?.value;
    } catch {
      return undefined;
    }
  };
  return [part('longGeneric'), part('shortOffset')].filter(Boolean).join(' · ');
}

/** Likely zones (and the browser's, and the one saved) first with readable names, then every zone by id. */
function TimeZoneSelect({ current }: { current: string }) {
  const { t, locale } = useI18n();
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = useMemo(
    () => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []),
    [],
  );
  const likely: { zone: string; city: string }[] = LIKELY_ZONES.map(([zone, key]) => ({
    zone,
    city: t(key),
  }));
  for (const zone of [browser, current]) {
    if (!likely.some((entry) => entry.zone === zone)) {
      likely.unshift({ zone, city: zone.split('/').pop()!.replace(/_/g, ' ') });
    }
  }
  const label = (entry: { zone: string; city: string }) => `${entry.city} — ${zoneName(entry.zone, locale)}`;
  return (
    <select id="profile-zone" name="time_zone" defaultValue={current}>
      <optgroup label={t('profile.zone.likely')}>
        {likely.map((entry) => (
          <option key={entry.zone} value={entry.zone}>
            {label(entry)}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('profile.zone.all')}>
        {zones
          .filter((zone) => !likely.some((entry) => entry.zone === zone))
          .map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
      </optgroup>
    </select>
  );
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
        <TimeZoneSelect current={customer.time_zone} />
      </div>
      <SubmitButton busy={action.busy}>{t('profile.save')}</SubmitButton>
    </form>
  );
}
