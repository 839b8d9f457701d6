import type { ReloadlyCall, ReloadlyRouter } from './api.js';
import type { Reply } from './errors.js';
import { transactionView } from './topups.js';

/**
 * `GET /topups/reports/transactions?page&size&startDate&endDate&customIdentifier`: the transactions as a Spring
 * page (finding a top-up by its `customIdentifier` too), every success listed twice when the faults say so.
 */

/** The largest page the report gives, whatever `size` asks. */
const PAGE_SIZE_MAX = 200;

function transactionReport({ store, url }: ReloadlyCall): Reply {
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const size = Math.min(PAGE_SIZE_MAX, Math.max(1, Number(url.searchParams.get('size') ?? 20)));
  const start = url.searchParams.get('startDate');
  const end = url.searchParams.get('endDate');
  const wanted = url.searchParams.get('customIdentifier');
  const from = start ? new Date(`${start.replace(' ', 'T')}Z`) : undefined;
  const to = end ? new Date(`${end.replace(' ', 'T')}Z`) : undefined;
  const matching = store.transactions.filter(
    (t) => (!wanted || t.customIdentifier === wanted) && (!from || t.at >= from) && (!to || t.at <= to),
  );
  const listed = store.faults.reportSuccessesTwice
    ? matching.flatMap((t) => (t.status === 'SUCCESSFUL' ? [t, t] : [t]))
    : matching;
  const content = listed
    .slice((page - 1) * size, page * size)
    .map((transaction) => transactionView(store, transaction));
  const totalPages = Math.max(1, Math.ceil(listed.length / size));
  return {
    status: 200,
    body: {
      content,
      pageable: { pageNumber: page - 1, pageSize: size },
      totalElements: listed.length,
      totalPages,
      last: page >= totalPages,
      first: page === 1,
      number: page - 1,
      size,
      numberOfElements: content.length,
      empty: content.length === 0,
    },
  };
}

export function addReportRoutes(router: ReloadlyRouter): void {
  router.get('/topups/reports/transactions', transactionReport);
}
