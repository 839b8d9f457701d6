import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import {
  Es2PlusFailure,
  Es2PlusTransportError,
  type CancelOrderInput,
  type ConfirmedOrder,
  type ConfirmOrderInput,
  type DownloadOrderInput,
  type DownloadProgress,
  type Es2StatusCode,
  type SmdpPlus,
} from '../../ports/smdp.js';

/**
 * The ES2+ client (GSMA SGP.22 v2.x §5.3 over the §6.5 HTTP/JSON binding): every call is a POST to
 * `<base>/gsma/rsp2/es2plus/<function>` with `X-Admin-Protocol: gsma/rsp/v2.1.0`, a request header naming the
 * operator (`functionRequesterIdentifier`) and a fresh `functionCallIdentifier`; answers are validated with zod
 * and anything but `Executed-Success` / `Executed-WithWarning` becomes an `Es2PlusFailure` with its subject and
 * reason codes. Production authenticates with mutual TLS (the operator's client certificate), so this uses
 * node:https with `cert`/`key`/`ca` rather than fetch. No call is retried here: DownloadOrder by profile type is
 * not idempotent, so the caller decides (after a transport error it asks the SM-DP+ about the ICCID first).
 */

export const ADMIN_PROTOCOL = 'gsma/rsp/v2.1.0';

export interface Es2PlusOptions {
  /** The SM-DP+'s ES2+ base, e.g. `https://smdp.example.com` (or the simulator). */
  baseUrl: string;
  /** The identifier the SM-DP+ knows this operator by. */
  requesterId: string;
  timeoutMs: number;
  /** PEM client certificate, key and the SM-DP+'s CA, for mutual TLS. */
  tls?: { cert: string; key: string; ca?: string };
}

const statusCodeData = z.object({
  subjectCode: z.string(),
  reasonCode: z.string(),
  subjectIdentifier: z.string().optional(),
  message: z.string().optional(),
});
const executionStatus = z.object({
  status: z.enum(['Executed-Success', 'Executed-WithWarning', 'Failed', 'Expired']),
  statusCodeData: statusCodeData.optional(),
});
const responseHeader = z.object({ header: z.object({ functionExecutionStatus: executionStatus }) });
/** ICCIDs come as 19 or 20 digits, sometimes with an `F` pad; SimFill keeps the digits. */
const iccid = z
  .string()
  .regex(/^\d{19,20}F?$/i)
  .transform((value) => value.replace(/F$/i, ''));

const codeOf = (data: z.infer<typeof statusCodeData> | undefined): Es2StatusCode => ({
  subjectCode: data?.subjectCode ?? '',
  reasonCode: data?.reasonCode ?? '',
  subjectIdentifier: data?.subjectIdentifier,
  message: data?.message,
});

function post(
  options: Es2PlusOptions,
  functionName: string,
  body: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(`/gsma/rsp2/es2plus/${functionName}`, options.baseUrl);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-admin-protocol': ADMIN_PROTOCOL,
          'content-length': Buffer.byteLength(body),
        },
        timeout: options.timeoutMs,
        ...(options.tls && url.protocol === 'https:' ? options.tls : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

async function call<T extends z.ZodType>(
  options: Es2PlusOptions,
  functionName: string,
  fields: Record<string, unknown>,
  schema: T,
): Promise<z.infer<T>> {
  const header = {
    functionRequesterIdentifier: options.requesterId,
    functionCallIdentifier: `FCI-${randomUUID()}`,
  };
  const body = JSON.stringify({ header, ...fields });
  let answer: { status: number; text: string };
  try {
    answer = await post(options, functionName, body);
  } catch (error) {
    throw new Es2PlusTransportError(functionName, (error as Error).message);
  }
  if (answer.status !== 200) throw new Es2PlusTransportError(functionName, `HTTP ${answer.status}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new Es2PlusTransportError(functionName, 'the answer is not JSON');
  }
  const status = responseHeader.safeParse(parsed);
  if (!status.success)
    throw new Es2PlusTransportError(functionName, 'the answer has no functionExecutionStatus');
  const execution = status.data.header.functionExecutionStatus;
  if (execution.status === 'Failed' || execution.status === 'Expired') {
    throw new Es2PlusFailure(functionName, execution.status, codeOf(execution.statusCodeData));
  }
  const result = schema.safeParse(parsed);
  if (!result.success)
    throw new Es2PlusTransportError(functionName, `unexpected answer: ${result.error.message}`);
  return result.data;
}

const withoutUndefined = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

export function es2PlusClient(options: Es2PlusOptions): SmdpPlus {
  return {
    async downloadOrder(input: DownloadOrderInput) {
      if (input.iccid === undefined && input.profileType === undefined) {
        throw new RangeError('DownloadOrder needs an ICCID or a profile type');
      }
      const answer = await call(
        options,
        'downloadOrder',
        withoutUndefined({ ...input }),
        z.object({ iccid }),
      );
      return { iccid: answer.iccid };
    },
    async confirmOrder(input: ConfirmOrderInput): Promise<ConfirmedOrder> {
      const answer = await call(
        options,
        'confirmOrder',
        withoutUndefined({ ...input }),
        z.object({ matchingId: z.string(), eid: z.string().optional(), smdpAddress: z.string().optional() }),
      );
      return { matchingId: answer.matchingId, eid: answer.eid, smdpAddress: answer.smdpAddress };
    },
    async cancelOrder(input: CancelOrderInput) {
      await call(options, 'cancelOrder', withoutUndefined({ ...input }), z.object({}));
    },
    async releaseProfile(input: { iccid: string }) {
      await call(options, 'releaseProfile', { iccid: input.iccid }, z.object({}));
    },
  };
}

const progressInfo = z.object({
  header: z.object({ functionRequesterIdentifier: z.string(), functionCallIdentifier: z.string() }),
  iccid,
  profileType: z.string(),
  timestamp: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a W3C timestamp'),
  notificationPointId: z.number().int(),
  notificationPointStatus: executionStatus,
  eid: z
    .string()
    .regex(/^\d{32}$/)
    .optional(),
  resultData: z.string().optional(),
});

/**
 * HandleDownloadProgressInfo as the SM-DP+ sends it to the operator (SimFill answers 200 with the ES2+ header;
 * SGP.22 also allows 204). Undefined when the body
 * is not one; the requester is the SM-DP+'s identifier.
 */
export function parseDownloadProgressInfo(
  raw: unknown,
): { smdpId: string; progress: DownloadProgress } | undefined {
  const parsed = progressInfo.safeParse(raw);
  if (!parsed.success) return undefined;
  const body = parsed.data;
  const status = body.notificationPointStatus;
  return {
    smdpId: body.header.functionRequesterIdentifier,
    progress: {
      iccid: body.iccid,
      profileType: body.profileType,
      eid: body.eid,
      timestamp: new Date(body.timestamp),
      notificationPointId: body.notificationPointId,
      status: status.status,
      code: status.statusCodeData ? codeOf(status.statusCodeData) : undefined,
      functionCallIdentifier: body.header.functionCallIdentifier,
    },
  };
}
