import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, formText, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';
import { useStaffSession } from '../staffSession';
import { useWhen } from './useWhen';
import type { ApiList, ApiRequest, Mismatch, Reconciliation, ReconciliationStory } from '../../api/types';

const POLL_MS = 1_500;

function yesterdayUtc(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

/** 对账 (reconciliation): a UTC day of SimFill's top-ups against the provider's transaction report. */
export function ReconciliationsPage() {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const { navigate } = useRoute();
  const when = useWhen();
  const load = useLoad();
  const start = useAction();
  const [rows, setRows] = useState<Reconciliation[] | null>(null);
  const canStart = session?.staff.permissions.includes('reconciliation.manage') ?? false;
  useEffect(() => {
    void load
      .run(() => api<ApiList<'/v1/admin/reconciliations'>>('/v1/admin/reconciliations', { locale }))
      .then((page) => page && setRows(page.data));
  }, []); // once
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const started = await start.run((idempotencyKey) =>
      api<Reconciliation>('/v1/admin/reconciliations', {
        method: 'POST',
        body: { date: formText(form, 'date') } satisfies ApiRequest<'/v1/admin/reconciliations', 'post'>,
        locale,
        csrfToken: session?.csrf_token,
        idempotencyKey,
      }),
    );
    if (started) navigate(`/console/reconciliation/${started.id}`);
  };
  return (
    <section>
      <h1>{t('console.nav.reconciliation')}</h1>
      <p>{t('console.reconcile.intro')}</p>
      {canStart ? (
        <form className="filters-row" onSubmit={(event) => void submit(event)}>
          <Field
            label={t('console.reconcile.date')}
            name="date"
            type="date"
            defaultValue={yesterdayUtc()}
            error={fieldError(start.error, 'date')}
          />
          <SubmitButton busy={start.busy}>{t('console.reconcile.start')}</SubmitButton>
        </form>
      ) : null}
      <FormAlert error={start.error} fields={['date']} />
      <FormAlert error={load.error} />
      {rows?.length === 0 ? <p role="status">{t('console.reconcile.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('console.reconcile.date')}</th>
              <th scope="col">{t('orders.status')}</th>
              <th scope="col">{t('console.reconcile.matched')}</th>
              <th scope="col">{t('console.reconcile.mismatches')}</th>
              <th scope="col">{t('console.reconcile.startedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link href={`/console/reconciliation/${row.id}`}>{row.date}</Link>
                </td>
                <td>{t(`console.reconcile.status.${row.status}`)}</td>
                <td>{row.matched}</td>
                <td>{row.mismatches}</td>
                <td>{when(row.started_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** One reconciliation: its progress while it runs, then its mismatches, each to be resolved with a note. */
export function ReconciliationDetailPage({ reconciliationId }: { reconciliationId: string }) {
  const { t, locale } = useI18n();
  const when = useWhen();
  const load = useLoad();
  const [found, setFound] = useState<(Reconciliation & { mismatch_list: Mismatch[] }) | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      const loaded = await load.run(() =>
        api<ReconciliationStory>(`/v1/admin/reconciliations/${encodeURIComponent(reconciliationId)}`, {
          locale,
        }),
      );
      if (stopped) return;
      if (loaded) setFound(loaded);
      if (loaded?.status === 'running') timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [reconciliationId]); // another reconciliation
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  if (!found) return <FormAlert error={load.error} />;
  const open = found.mismatch_list.filter((item) => !item.resolved_at).length;
  return (
    <section className="order-story">
      <p>
        <Link href="/console/reconciliation">← {t('console.nav.reconciliation')}</Link>
      </p>
      <h1>{t('console.reconcile.title', { date: found.date })}</h1>
      <p role="status" aria-live="polite" className="fx-effective">
        {found.status === 'running'
          ? t('console.reconcile.progress', {
              read: found.progress.pages_read,
              total: found.progress.pages_total ?? '?',
            })
          : found.status === 'failed'
            ? t('console.reconcile.failed', { reason: found.failure ?? '' })
            : t('console.reconcile.summary', {
                matched: found.matched,
                mismatches: found.mismatches,
                open,
              })}
      </p>
      <dl className="order-facts">
        <dt>{t('console.deliveries.provider')}</dt>
        <dd>{found.provider}</dd>
        <dt>{t('console.reconcile.providerTransactions')}</dt>
        <dd>{found.provider_transactions}</dd>
        <dt>{t('console.reconcile.simfillDeliveries')}</dt>
        <dd>{found.simfill_deliveries}</dd>
        <dt>{t('console.reconcile.startedAt')}</dt>
        <dd>
          {when(found.started_at)} · <code>{found.started_by}</code>
        </dd>
      </dl>
      {found.mismatch_list.length > 0 ? (
        <>
          <h2>{t('console.reconcile.mismatches')}</h2>
          {found.mismatch_list.map((item) => (
            <MismatchCard
              key={item.id}
              mismatch={item}
              onResolved={(next) =>
                setFound({
                  ...found,
                  mismatch_list: found.mismatch_list.map((entry) => (entry.id === next.id ? next : entry)),
                })
              }
            />
          ))}
        </>
      ) : null}
    </section>
  );
}

function MismatchCard({
  mismatch,
  onResolved,
}: {
  mismatch: Mismatch;
  onResolved: (next: Mismatch) => void;
}) {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const when = useWhen();
  const resolve = useAction();
  const canResolve = session?.staff.permissions.includes('reconciliation.manage') ?? false;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = await resolve.run(() =>
      api<Mismatch>(`/v1/admin/mismatches/${mismatch.id}/resolve`, {
        method: 'POST',
        body: { resolution: formText(form, 'resolution') } satisfies ApiRequest<
          '/v1/admin/mismatches/{id}/resolve',
          'post'
        >,
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (next) onResolved(next);
  };
  return (
    <article className="panel" aria-label={mismatch.custom_identifier}>
      <h3>
        {t(`console.reconcile.kind.${mismatch.kind as 'status_differs'}`)} ·{' '}
        <code>{mismatch.custom_identifier}</code>
      </h3>
      <dl className="order-facts">
        {mismatch.order ? (
          <>
            <dt>{t('console.orders.order')}</dt>
            <dd>
              <Link href={`/console/orders/${mismatch.order}`}>{mismatch.order}</Link>
            </dd>
          </>
        ) : null}
        {mismatch.delivery ? (
          <>
            <dt>{t('console.deliveries.title')}</dt>
            <dd>
              <Link href={`/console/deliveries/${mismatch.delivery}`}>{mismatch.delivery}</Link>
            </dd>
          </>
        ) : null}
        <dt>SimFill</dt>
        <dd>
          <code>{mismatch.simfill ? JSON.stringify(mismatch.simfill) : '—'}</code>
        </dd>
        <dt>{t('console.deliveries.provider')}</dt>
        <dd>
          <code>{mismatch.provider ? JSON.stringify(mismatch.provider) : '—'}</code>
        </dd>
      </dl>
      {mismatch.resolved_at ? (
        <p role="status">
          {t('console.reconcile.resolvedBy', {
            who: mismatch.resolved_by ?? '',
            time: when(mismatch.resolved_at),
          })}{' '}
          {mismatch.resolution}
        </p>
      ) : canResolve ? (
        <form className="stack" onSubmit={(event) => void submit(event)}>
          <Field
            label={t('console.reconcile.resolution')}
            name="resolution"
            hint={t('console.reconcile.resolutionHint')}
            error={fieldError(resolve.error, 'resolution')}
          />
          <FormAlert error={resolve.error} fields={['resolution']} />
          <SubmitButton busy={resolve.busy}>{t('console.reconcile.resolve')}</SubmitButton>
        </form>
      ) : null}
    </article>
  );
}
