import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { DownloadProgress, Es2StatusCode } from '../../ports/smdp.js';
import { recordDownloadProgress } from './download-progress.js';

/**
 * SimFill's side of ES2+: `POST /gsma/rsp2/es2plus/handleDownloadProgressInfo`, which the operator's SM-DP+ calls
 * for each step of a download (SGP.22 §5.3.5, the §6.5 JSON binding). Every answer is HTTP 200 with the ES2+
 * response header, `Executed-Success` or `Failed` with a subject and reason code, as for every ES2+ function (the
 * SM-DP+ retries only what it did not get an answer to).
 *
 * Who may call: SGP.22 authenticates the SM-DP+ with mutual TLS. SimFill usually sits behind a proxy that ends
 * TLS, so the stand-in is a shared secret the SM-DP+ is configured to send as `Authorization: Bearer <secret>`
 * (SMDP_NOTIFICATION_SECRET), plus its `functionRequesterIdentifier` (SMDP_ID). A wrong secret is `1.1/1.2`
 * (function requester not allowed), another requester `1.1/1.1` (unknown). The wire format is the ES2+ adapter's
 * (`parse`), handed in by the app so this module does not import an adapter.
 */

export const HANDLE_DOWNLOAD_PROGRESS_PATH = '/gsma/rsp2/es2plus/handleDownloadProgressInfo';
const ADMIN_PROTOCOL_ANSWERED = 'gsma/rsp/v2.1.0';
const ADMIN_PROTOCOL = /^gsma\/rsp\/v2\.\d+\.\d+$/;
/** A notification is small (a few hundred bytes; `resultData` may carry a base64 PIR). */
const BODY_LIMIT_BYTES = 32 * 1024;

export interface SmdpNotificationDeps {
  db: Db;
  clock: Clock;
  /** The SM-DP+'s functionRequesterIdentifier on its calls to SimFill. */
  smdpId: string;
  /** What it sends as `Authorization: Bearer …`. */
  secret: string;
  parse: (raw: unknown) => { smdpId: string; progress: DownloadProgress } | undefined;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

function answer(reply: FastifyReply, code?: Es2StatusCode) {
  const functionExecutionStatus = code
    ? {
        status: 'Failed',
        statusCodeData: {
          subjectCode: code.subjectCode,
          reasonCode: code.reasonCode,
          ...(code.subjectIdentifier === undefined ? {} : { subjectIdentifier: code.subjectIdentifier }),
          ...(code.message === undefined ? {} : { message: code.message }),
        },
      }
    : { status: 'Executed-Success' };
  return reply
    .status(200)
    .header('content-type', 'application/json;charset=UTF-8')
    .header('x-admin-protocol', ADMIN_PROTOCOL_ANSWERED)
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ header: { functionExecutionStatus } }));
}

const failed = (subjectCode: string, reasonCode: string, message: string): Es2StatusCode => ({
  subjectCode,
  reasonCode,
  subjectIdentifier: undefined,
  message,
});

export function smdpNotificationRoutes(deps: SmdpNotificationDeps): FastifyPluginAsync {
  if (deps.secret.length < 16) throw new RangeError('the SM-DP+ notification secret is too short');
  return async (app) => {
    // The body is read as text here, so a broken one is answered in ES2+ terms rather than as a SimFill 400.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    app.post(
      HANDLE_DOWNLOAD_PROGRESS_PATH,
      {
        bodyLimit: BODY_LIMIT_BYTES,
        schema: {
          tags: ['esim'],
          summary: 'HandleDownloadProgressInfo from the operator’s SM-DP+ (GSMA SGP.22 ES2+)',
          description:
            'The SM-DP+ reports each step of a profile download (notificationPointId 3: downloaded, 4: installed). ' +
            'ES2+ JSON with `header.functionRequesterIdentifier` / `functionCallIdentifier` and `X-Admin-Protocol: ' +
            'gsma/rsp/v2.x.y`; authenticated with `Authorization: Bearer <SMDP_NOTIFICATION_SECRET>`. Always HTTP ' +
            '200 with `header.functionExecutionStatus` (`Executed-Success`, or `Failed` with subject/reason codes).',
        },
      },
      async (request, reply) => {
        const protocol = request.headers['x-admin-protocol'];
        if (typeof protocol !== 'string' || !ADMIN_PROTOCOL.test(protocol)) {
          return answer(reply, failed('1.2', '3.1', 'X-Admin-Protocol gsma/rsp/v2.x.y required'));
        }
        const authorization = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
        if (!authorization || !sameSecret(authorization[1]!, deps.secret)) {
          return answer(reply, failed('1.1', '1.2', 'Function requester not allowed'));
        }
        let raw: unknown;
        try {
          raw = JSON.parse(typeof request.body === 'string' ? request.body : '');
        } catch {
          return answer(reply, failed('1.6', '2.1', 'Body is not JSON'));
        }
        const parsed = deps.parse(raw);
        if (!parsed) return answer(reply, failed('1.6', '2.1', 'Not a HandleDownloadProgressInfo request'));
        if (parsed.smdpId !== deps.smdpId) {
          return answer(reply, failed('1.1', '1.1', 'Unknown function requester'));
        }
        const outcome = await deps.db.transaction((tx) =>
          recordDownloadProgress(tx, deps.clock, parsed.progress),
        );
        if (outcome.result === 'unknown_profile') return answer(reply, outcome.code);
        request.log.info(
          {
            iccid: parsed.progress.iccid,
            notification_point_id: parsed.progress.notificationPointId,
            status: parsed.progress.status,
            result: outcome.result,
            install_state: outcome.installState,
          },
          'SM-DP+ download progress',
        );
        return answer(reply);
      },
    );
  };
}
