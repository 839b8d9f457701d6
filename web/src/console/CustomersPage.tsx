import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { ApiList, ApiRequest, Customer } from '../api/types';
import { Field, FormAlert, formText, SubmitButton, useAction, useLoad } from '../ui/forms';
import { api } from '../ui/http';
import { Link } from '../ui/router';
import { NoAccess } from './ConsoleApp';
import { useStaffSession } from './staffSession';

/** Look customers up by part of an email, name or number to answer a support question; make a partner account. */
export function CustomersPage() {
  const { t, locale } = useI18n();
  const search = useLoad();
  const [results, setResults] = useState<Customer[] | null>(null);
  const [more, setMore] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = formText(new FormData(event.currentTarget), 'query').trim();
    const page = await search.run(() =>
      api<ApiList<'/v1/customers'>>(`/v1/customers?${new URLSearchParams({ query }).toString()}`, { locale }),
    );
    if (page) {
      setResults(page.data);
      setMore(page.has_more);
    }
  };
  if (search.error?.code === 'permission_denied') return <NoAccess />;
  return (
    <section>
      <h1>{t('console.nav.customers')}</h1>
      <form className="filters-row" onSubmit={(event) => void submit(event)}>
        <Field
          label={t('console.customers.query')}
          name="query"
          required
          placeholder="li@ / 王 / 646 217 / cus_…"
        />
        <SubmitButton busy={search.busy}>{t('console.customers.search')}</SubmitButton>
      </form>
      <FormAlert error={search.error} />
      {results?.length === 0 ? <p role="status">{t('console.customers.none')}</p> : null}
      {results?.map((customer) => (
        <CustomerCard
          key={customer.id}
          customer={customer}
          onChange={(next) => setResults(results.map((found) => (found.id === next.id ? next : found)))}
          linkToPage
        />
      ))}
      {more ? <p role="status">{t('console.customers.more')}</p> : null}
    </section>
  );
}

export function CustomerCard({
  customer,
  onChange,
  linkToPage = false,
}: {
  customer: Customer;
  onChange: (customer: Customer) => void;
  linkToPage?: boolean;
}) {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const toggle = useAction();
  const canManage = session?.staff.permissions.includes('customers.manage') ?? false;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const setAccess = async (enabled: boolean) => {
    const next = await toggle.run(() =>
      api<Customer>(`/v1/customers/${customer.id}/api-access`, {
        method: 'POST',
        body: { enabled } satisfies ApiRequest<'/v1/customers/{id}/api-access', 'post'>,
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (next) onChange(next);
  };
  return (
    <article className="panel" aria-label={customer.email}>
      <h2>{customer.name ?? customer.email}</h2>
      <dl className="details">
        <dt>{t('auth.email')}</dt>
        <dd>
          {customer.email}{' '}
          {customer.email_verified
            ? `(${t('console.customers.verified')})`
            : `(${t('console.customers.unverified')})`}
        </dd>
        <dt>ID</dt>
        <dd>
          <code>{customer.id}</code>
        </dd>
        <dt>{t('register.phone')}</dt>
        <dd>{customer.phone ?? '—'}</dd>
        <dt>{t('profile.language')}</dt>
        <dd>{t(`language.${customer.locale}`)}</dd>
        <dt>{t('console.customers.created')}</dt>
        <dd>{when(customer.created)}</dd>
        {customer.deletion ? (
          <>
            <dt>{t('console.customers.deletion')}</dt>
            <dd>{when(customer.deletion.scheduled_for)}</dd>
          </>
        ) : null}
        <dt>{t('console.customers.apiAccess')}</dt>
        <dd>{customer.api_access ? t('console.staff.totpOn') : t('console.staff.totpOff')}</dd>
      </dl>
      <FormAlert error={toggle.error} />
      <div className="row-actions">
        {linkToPage ? (
          <Link className="button" href={`/console/customers/${customer.id}`}>
            {t('console.customers.open')}
          </Link>
        ) : null}
        <Link className="button button--secondary" href={`/console/audit?target=${customer.id}`}>
          {t('console.customers.events')}
        </Link>
        {canManage ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={toggle.busy}
            onClick={() => void setAccess(!customer.api_access)}
          >
            {customer.api_access ? t('console.customers.disableApi') : t('console.customers.enableApi')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
