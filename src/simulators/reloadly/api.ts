import type { SimAnswer } from '../kit/answers.js';
import { Router, type RouteParams } from '../kit/router.js';
import type { SimRequest } from '../kit/server.js';
import { addBalanceRoutes } from './balance.js';
import { notFound, reloadlyAnswer, type Reply } from './errors.js';
import { refuseUnauthorised } from './oauth.js';
import { addOperatorRoutes } from './operators.js';
import { addReportRoutes } from './reports.js';
import type { ReloadlyStore } from './store.js';
import { addTopUpRoutes, hangTopUpBeforeProcessing } from './topups.js';

/**
 * The Airtime API behind the kit's faults: the bearer and Accept check, the top-up timeouts planned before
 * processing, then Reloadly's resources, which add their routes. PROCESSING top-ups due by now settle first.
 */

export interface ReloadlyCall {
  store: ReloadlyStore;
  url: URL;
  params: RouteParams;
  body: Record<string, unknown>;
}

/** A handler's reply, or 'hang': never answer (a top-up timeout fault). */
export type ReloadlyHandler = (call: ReloadlyCall) => Reply | 'hang';
export type ReloadlyRouter = Router<ReloadlyHandler>;

/** Bodies are JSON objects; anything else reads as `{}`, as Reloadly's gateway is lenient. */
export function bodyOf(request: SimRequest): Record<string, unknown> {
  try {
    return request.rawBody ? (JSON.parse(request.rawBody) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function reloadlyRouter(): ReloadlyRouter {
  const router: ReloadlyRouter = new Router();
  addBalanceRoutes(router);
  addOperatorRoutes(router);
  addTopUpRoutes(router);
  addReportRoutes(router);
  return router;
}

/** The API's request handler for the kit's server; undefined = never answer. */
export function reloadlyApi(store: ReloadlyStore): (request: SimRequest) => Promise<SimAnswer | undefined> {
  const router = reloadlyRouter();
  const route = (request: SimRequest): Reply | 'hang' => {
    store.settleDue();
    const { method, url } = request;
    const match = router.match(method, url.pathname);
    if (!match) return notFound(url.pathname, store.clock);
    return match.handler({ store, url, params: match.params, body: bodyOf(request) });
  };
  return (request) => {
    const path = request.url.pathname;
    const reply =
      refuseUnauthorised(store, request, path) ?? hangTopUpBeforeProcessing(store, request) ?? route(request);
    return Promise.resolve(reply === 'hang' ? undefined : reloadlyAnswer(reply, path));
  };
}
