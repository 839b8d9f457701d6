import './esim-console.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, formText, SubmitButton, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';
import { useWhen } from '../topups/useWhen';
import { loadPool, type PoolCount } from './pool';
import { EsimTabs, IdLink, InstallStateBadge, ProviderStatus } from './parts';
import { ESIM_SOURCES, INSTALL_STATES, type ConsoleEsim, type EsimCounts, type EsimPage } from './types';

const FILTERS = ['source', 'install_state', 'q'] as const;

/** eSIM 库存: every eSIM issued, how many are in each install state per source, and the SM-DP+ pool. */
export function EsimsPage() {
  const { t, locale } = useI18n();
  const { query, navigate } = useRoute();
  const when = useWhen();
  const load = useLoad();
  const loadCounts = useLoad();
  const [page, setPage] = useState<EsimPage | null>(null);
  const [counts, setCounts] = useState<EsimCounts | null>(null);
  const [pool, setPool] = useState<PoolCount[] | undefined>(undefined);
  const params = new URLSearchParams(query);

  useEffect(() => {
    void loadCounts
      .run(() => api<EsimCounts>('/v1/admin/esims/counts', { locale }))
      .then((loaded) => loaded && setCounts(loaded));
    void loadPool(locale).then(setPool);
  }, [locale]); // the figures do not depend on the filters
  useEffect(() => {
    const search = new URLSearchParams();
    for (const name of ['source', 'install_state', 'starting_after']) {
      const value = params.get(name);
      if (value) search.set(name, value);
    }
    // One search box: a customer id, or an ICCID (digits, spaces allowed).
    const typed = (params.get('q') ?? '').replace(/\s/g, '');
    if (typed.startsWith('cus_')) search.set('customer', typed);
    else if (typed) search.set('iccid', typed);
    void load
      .run(() => api<EsimPage>(`/v1/admin/esims?${search.toString()}`, { locale }))
      .then((loaded) => loaded && setPage(loaded));
  }, [query.toString(), locale]); // the URL holds the filters

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = formText(form, name).trim();
      if (value) next.set(name, value);
    }
    navigate(`/console/esims${next.size ? `?${next.toString()}` : ''}`);
  };
  const nextPage = () => {
    const next = new URLSearchParams(params);
    next.set('starting_after', page!.data.at(-1)!.id);
    navigate(`/console/esims?${next.toString()}`);
  };

  if (load.error?.code === 'permission_denied') return <NoAccess />;
  return (
    <section className="esim-console">
      <h1>{t('console.nav.esim')}</h1>
      <EsimTabs />
      <p>{t('console.esims.intro')}</p>
      {counts ? <StateCounts counts={counts} /> : null}
      {pool ? <PoolCounts pool={pool} /> : null}
      <h2>{t('console.esims.listTitle')}</h2>
      <form className="filters-row" onSubmit={submit} key={query.toString()}>
        <div className="field">
          <label htmlFor="esim-source">{t('console.esims.source')}</label>
          <select id="esim-source" name="source" defaultValue={params.get('source') ?? ''}>
            <option value="">{t('console.esims.anySource')}</option>
            {ESIM_SOURCES.map((source) => (
              <option key={source} value={source}>
                {t(`console.esims.sourceName.${source}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="esim-state">{t('console.esims.state')}</label>
          <select id="esim-state" name="install_state" defaultValue={params.get('install_state') ?? ''}>
            <option value="">{t('console.esims.anyState')}</option>
            {INSTALL_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`console.esims.stateName.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="esim-q">{t('console.esims.search')}</label>
          <input
            id="esim-q"
            name="q"
            defaultValue={params.get('q') ?? ''}
            placeholder="8901… / cus_…"
            autoComplete="off"
          />
        </div>
        <SubmitButton busy={load.busy}>{t('console.esims.apply')}</SubmitButton>
      </form>
      <FormAlert error={load.error} />
      {page?.data.length === 0 ? <p role="status">{t('console.esims.none')}</p> : null}
      {page && page.data.length > 0 ? <EsimTable rows={page.data} when={when} /> : null}
      <div className="esim-console__pager">
        {params.get('starting_after') ? (
          <Link href={`/console/esims?${withoutCursor(params)}`}>{t('console.esims.firstPage')}</Link>
        ) : null}
        {page?.has_more ? (
          <button type="button" className="button button--secondary" onClick={nextPage}>
            {t('console.esims.nextPage')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function withoutCursor(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  next.delete('starting_after');
  return next.toString();
}

function EsimTable({ rows, when }: { rows: ConsoleEsim[]; when: (iso: string) => string }) {
  const { t } = useI18n();
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('console.esims.issuedAt')}</th>
          <th scope="col">ICCID</th>
          <th scope="col">{t('console.esims.source')}</th>
          <th scope="col">{t('console.esims.state')}</th>
          <th scope="col">{t('console.esims.providerStatus')}</th>
          <th scope="col">{t('console.esims.packages')}</th>
          <th scope="col">{t('console.esims.customerAndOrder')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="esim-console__nowrap">{when(row.created_at)}</td>
            <td>
              <Link href={`/console/esims/${row.id}`} className="esim-console__iccid">
                {row.iccid}
              </Link>
            </td>
            <td className="esim-console__nowrap">{t(`console.esims.sourceName.${row.source}`)}</td>
            <td>
              <InstallStateBadge state={row.install_state} />
              <span className="muted esim-console__since">{when(row.install_state_at)}</span>
            </td>
            <td>
              <ProviderStatus status={row.provider_status} />
            </td>
            <td>{row.packages_count}</td>
            <td>
              <IdLink href={`/console/customers/${row.customer}`} id={row.customer} />
              <IdLink href={`/console/orders/${row.order}`} id={row.order} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One tile per install state, per source: the numbers staff look at first. Each is a link to those eSIMs. */
function StateCounts({ counts }: { counts: EsimCounts }) {
  const { t } = useI18n();
  const countOf = (source: string, state: string) =>
    counts.data.find((row) => row.source === source && row.install_state === state)?.count ?? 0;
  const sources = ESIM_SOURCES.filter((source) => counts.data.some((row) => row.source === source));
  return (
    <article className="panel" aria-labelledby="esim-counts-heading">
      <h2 id="esim-counts-heading">{t('console.esims.countsTitle', { total: String(counts.total) })}</h2>
      {sources.length === 0 ? <p>{t('console.esims.noneIssued')}</p> : null}
      {sources.map((source) => (
        <div key={source} className="esim-console__counts">
          <h3>{t(`console.esims.sourceName.${source}`)}</h3>
          <ul className="esim-tiles">
            {INSTALL_STATES.map((state) => (
              <li key={state}>
                <Link
                  href={`/console/esims?source=${source}&install_state=${state}`}
                  className={`esim-tile esim-tile--${state}`}
                >
                  <span className="esim-tile__count">{countOf(source, state)}</span>
                  <span className="esim-tile__label">{t(`console.esims.stateName.${state}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </article>
  );
}

const POOL_STATES = ['available', 'assigned', 'unavailable'] as const;
type PoolState = (typeof POOL_STATES)[number];
const isPoolState = (state: string): state is PoolState => (POOL_STATES as readonly string[]).includes(state);

/** The SM-DP+ profiles SimFill may still hand out, per profile type. */
function PoolCounts({ pool }: { pool: PoolCount[] }) {
  const { t } = useI18n();
  const types = [...new Set(pool.map((row) => row.profileType))].sort();
  const others = new Set(pool.map((row) => row.state).filter((state) => !isPoolState(state)));
  const states: string[] = [...POOL_STATES, ...others];
  const countOf = (type: string, state: string) =>
    pool
      .filter((row) => row.profileType === type && row.state === state)
      .reduce((sum, row) => sum + row.count, 0);
  const label = (state: string) => (isPoolState(state) ? t(`console.esims.poolState.${state}`) : state);
  return (
    <article className="panel" aria-labelledby="esim-pool-heading">
      <h2 id="esim-pool-heading">{t('console.esims.poolTitle')}</h2>
      <p className="muted">{t('console.esims.poolIntro')}</p>
      {types.length === 0 ? (
        <p role="status">{t('console.esims.poolEmpty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('console.esims.profileType')}</th>
              {states.map((state) => (
                <th scope="col" key={state} className="amount">
                  {label(state)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type}>
                <th scope="row">
                  <code>{type}</code>
                </th>
                {states.map((state) => (
                  <td
                    key={state}
                    className={`amount${state === 'available' && countOf(type, state) === 0 ? ' esim-console__empty' : ''}`}
                  >
                    {countOf(type, state)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
