import { randomUUID } from 'node:crypto';
import type { SimAnswer } from '../kit/answers.js';
import type { SimRequest } from '../kit/server.js';
import type { Outcome, Refusal, SmdpStore } from './store.js';

/**
 * The ES2+ HTTP binding (SGP.22 §6.5): `POST /gsma/rsp2/es2plus/<function>`, JSON with a `header` object
 * (`functionRequesterIdentifier`, `functionCallIdentifier`), the `X-Admin-Protocol: gsma/rsp/v2.x.y` header, and
 * every answer HTTP 200 carrying `header.functionExecutionStatus` — a refusal too, as `Failed` with its status
 * code data. On loopback the requester identifier stands in for the mutual-TLS certificate the real SM-DP+ maps
 * to an operator: an identifier it does not know is refused as an unknown requester.
 */

export const ES2PLUS_PATH = '/gsma/rsp2/es2plus/';
/** What this SM-DP+ answers in `X-Admin-Protocol` (osmo-smdpp answers the same). */
export const SMDP_ADMIN_PROTOCOL = 'gsma/rsp/v2.1.0';

type Body = Record<string, unknown>;

function answer(body: Body): SimAnswer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-admin-protocol': SMDP_ADMIN_PROTOCOL },
    body: JSON.stringify(body),
  };
}

const success = (fields: Body = {}) =>
  answer({ header: { functionExecutionStatus: { status: 'Executed-Success' } }, ...fields });

export function failed(refusal: Refusal): SimAnswer {
  const statusCodeData: Body = { subjectCode: refusal.subjectCode, reasonCode: refusal.reasonCode };
  if (refusal.subjectIdentifier !== undefined) statusCodeData.subjectIdentifier = refusal.subjectIdentifier;
  statusCodeData.message = refusal.message;
  return answer({ header: { functionExecutionStatus: { status: 'Failed', statusCodeData } } });
}

const refusal = (subjectCode: string, reasonCode: string, message: string): Refusal => ({
  subjectCode,
  reasonCode,
  message,
});

const optionalString = (body: Body, name: string) =>
  typeof body[name] === 'string' ? body[name] : undefined;

function reply<T>(outcome: Outcome<T>, fields: (value: T) => Body): SimAnswer {
  return outcome.ok ? success(fields(outcome.value)) : failed(outcome.refusal);
}

/** Checks the envelope; answers the requester and the body, or the refusal to send. */
function envelope(
  request: SimRequest,
  operators: ReadonlySet<string>,
): { ok: true; requester: string; body: Body } | { ok: false; answer: SimAnswer } {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(contentType)) {
    return { ok: false, answer: failed(refusal('1.2.1', '2.1', 'Content-Type must be application/json')) };
  }
  const protocol = String(request.headers['x-admin-protocol'] ?? '');
  if (!/^gsma\/rsp\/v2\.\d+\.\d+$/.test(protocol)) {
    return { ok: false, answer: failed(refusal('1.2', '3.1', 'X-Admin-Protocol gsma/rsp/v2.x.y required')) };
  }
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    return { ok: false, answer: failed(refusal('1.6', '2.1', 'Body is not JSON')) };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, answer: failed(refusal('1.6', '2.1', 'Body is not a JSON object')) };
  }
  const header = (body as Body).header as Body | undefined;
  const requester = header && optionalString(header, 'functionRequesterIdentifier');
  const callId = header && optionalString(header, 'functionCallIdentifier');
  if (!requester || !callId) {
    return {
      ok: false,
      answer: failed(
        refusal('1.1', '2.2', 'header.functionRequesterIdentifier and functionCallIdentifier are mandatory'),
      ),
    };
  }
  if (!operators.has(requester)) {
    return { ok: false, answer: failed(refusal('1.1', '1.1', 'Unknown function requester')) };
  }
  return { ok: true, requester, body: body as Body };
}

/** One ES2+ call; undefined for a path that is not an ES2+ function (the server answers 404). */
export function es2plusAnswer(
  store: SmdpStore,
  operators: ReadonlySet<string>,
  request: SimRequest,
): SimAnswer | undefined {
  if (request.method !== 'POST' || !request.url.pathname.startsWith(ES2PLUS_PATH)) return undefined;
  const functionName = request.url.pathname.slice(ES2PLUS_PATH.length);
  if (!['downloadOrder', 'confirmOrder', 'cancelOrder', 'releaseProfile'].includes(functionName))
    return undefined;
  const checked = envelope(request, operators);
  if (!checked.ok) return checked.answer;
  const { requester: owner, body } = checked;
  const iccid = optionalString(body, 'iccid');
  const eid = optionalString(body, 'eid');
  const matchingId = optionalString(body, 'matchingId');
  switch (functionName) {
    case 'downloadOrder':
      return reply(
        store.downloadOrder(owner, { iccid, eid, profileType: optionalString(body, 'profileType') }),
        (value) => ({ iccid: value.iccid }),
      );
    case 'confirmOrder': {
      if (iccid === undefined) return failed(refusal('8.2.1', '2.2', 'iccid is mandatory'));
      if (typeof body.releaseFlag !== 'boolean')
        return failed(refusal('1.6', '2.2', 'releaseFlag is mandatory'));
      return reply(
        store.confirmOrder(owner, {
          iccid,
          eid,
          matchingId,
          releaseFlag: body.releaseFlag,
          confirmationCode: optionalString(body, 'confirmationCode'),
          smdsAddress: optionalString(body, 'smdsAddress'),
        }),
        (value) => ({
          matchingId: value.matchingId,
          ...(value.eid ? { eid: value.eid } : {}),
          smdpAddress: value.smdpAddress,
        }),
      );
    }
    case 'cancelOrder': {
      if (iccid === undefined) return failed(refusal('8.2.1', '2.2', 'iccid is mandatory'));
      const indicator = optionalString(body, 'finalProfileStatusIndicator');
      if (indicator === undefined) {
        return failed(refusal('1.6', '2.2', 'finalProfileStatusIndicator is mandatory'));
      }
      return reply(
        store.cancelOrder(owner, { iccid, eid, matchingId, finalProfileStatusIndicator: indicator }),
        () => ({}),
      );
    }
    default: {
      if (iccid === undefined) return failed(refusal('8.2.1', '2.2', 'iccid is mandatory'));
      return reply(store.releaseProfile(owner, { iccid }), () => ({}));
    }
  }
}

/** The request header the SM-DP+ puts on its own calls to the operator (HandleDownloadProgressInfo). */
export function smdpRequestHeader(smdpId: string, callId = `FCI-${randomUUID()}`): Body {
  return { functionRequesterIdentifier: smdpId, functionCallIdentifier: callId };
}
