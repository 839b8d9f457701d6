import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { en } from '../i18n/en';
import type { MessageKey } from '../i18n';
import { Field, FormAlert, useLoad, formText } from '../ui/forms';
import type { ApiList, AuditEvent } from '../api/types';
import { api } from '../ui/http';
import { useRoute } from '../ui/router';
import { NoAccess } from './ConsoleApp';

type Filters = Record<string, string>;

function queryFor(filters: Filters, startingAfter?: string): string {
  const params = new URLSearchParams({ limit: '50' });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (startingAfter) params.set('starting_after', startingAfter);
  return params.toString();
}

/** The audit log, newest first, with filters; "load more" walks back in time. */
export function AuditPage() {
  const { t, locale } = useI18n();
  const action = useLoad();
  const { query } = useRoute();
  // The customers page links here with ?target=cus_…
  const [filters, setFilters] = useState<Filters>(() => ({ target: query.get('target') ?? '' }));
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [hasMore, setHasMore] = useState(false);

  const load = async (next: Filters, after?: string) => {
    const page = await action.run(() =>
      api<ApiList<'/v1/audit-events'>>(`/v1/audit-events?${queryFor(next, after)}`, { locale }),
    );
    if (!page) return;
    setEvents((current) => (after ? [...current, ...page.data] : page.data));
    setHasMore(page.has_more);
  };
  useEffect(() => {
    void load(filters);
  }, []); // first page on open

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => formText(form, name).trim();
    const date = (name: string) => (value(name) ? new Date(value(name)).toISOString() : '');
    const next = {
      action: value('action'),
      actor: value('actor'),
      target: value('target'),
      outcome: value('outcome'),
      created_gte: date('from'),
      created_lt: date('to'),
    };
    setFilters(next);
    void load(next);
  };
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
  // An action this console knows by name reads in the staff member's language; a new one shows its code.
  const actionLabel = (code: string) => {
    const key = `audit.action.${code}`;
    return key in en ? t(key as `audit.action.${'customer.logout'}` & MessageKey) : code;
  };
  if (action.error?.code === 'permission_denied') return <NoAccess />;

  return (
    <section>
      <h1>{t('console.nav.audit')}</h1>
      <form className="filters-row" onSubmit={submit} aria-label={t('console.audit.filters')}>
        <Field label={t('console.audit.action')} name="action" placeholder="customer.login_failed" />
        <Field label={t('console.audit.actor')} name="actor" placeholder="cus_… / stf_…" />
        <Field
          label={t('console.audit.target')}
          name="target"
          placeholder="cus_…"
          defaultValue={filters.target}
        />
        <div className="field">
          <label htmlFor="audit-outcome">{t('console.audit.outcome')}</label>
          <select id="audit-outcome" name="outcome" defaultValue="">
            <option value="">{t('console.audit.any')}</option>
            <option value="success">{t('console.audit.success')}</option>
            <option value="failure">{t('console.audit.failure')}</option>
          </select>
        </div>
        <Field label={t('console.audit.from')} name="from" type="datetime-local" />
        <Field label={t('console.audit.to')} name="to" type="datetime-local" />
        <button type="submit" className="button button--primary">
          {t('console.audit.apply')}
        </button>
      </form>
      <FormAlert error={action.error} />
      <table className="data-table">
        <caption>{t('console.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.audit.time')}</th>
            <th scope="col">{t('console.audit.action')}</th>
            <th scope="col">{t('console.audit.outcome')}</th>
            <th scope="col">{t('console.audit.actor')}</th>
            <th scope="col">{t('console.audit.target')}</th>
            <th scope="col">{t('console.audit.from_where')}</th>
            <th scope="col">{t('console.audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{when(event.created)}</td>
              <td title={event.action}>{actionLabel(event.action)}</td>
              <td>{event.outcome === 'success' ? t('console.audit.success') : t('console.audit.failure')}</td>
              <td>{event.actor.id ?? event.actor.type}</td>
              <td>{event.target?.id ?? '—'}</td>
              <td>
                {event.ip ?? '—'}
                {event.user_agent ? <span className="muted"> · {event.user_agent}</span> : null}
              </td>
              <td>
                {Object.entries(event.details)
                  .map(([name, value]) => `${name}=${String(value)}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === 0 && !action.busy ? <p>{t('console.audit.empty')}</p> : null}
      {hasMore ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={action.busy}
          onClick={() => void load(filters, events.at(-1)?.id)}
        >
          {t('console.audit.more')}
        </button>
      ) : null}
    </section>
  );
}
