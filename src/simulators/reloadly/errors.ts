import type { Clock } from '../../kernel/clock.js';
import type { SimAnswer } from '../kit/answers.js';

/** Reloadly's answers: its error body, its gateway's 404, its date format and the media types it answers in. */

export const RELOADLY_ACCEPT = 'application/com.reloadly.topups-v1+json';

/** A handler's answer before it is written out; `reloadlyAnswer` gives it its media type. */
export interface Reply {
  status: number;
  body: unknown;
}

/** Reloadly's timestamps: `2026-12-03 19:30:00`, UTC. */
export const reloadlyDate = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

export function errorReply(
  status: number,
  errorCode: string,
  message: string,
  path: string,
  clock: Clock,
): Reply {
  return {
    status,
    body: {
      timeStamp: reloadlyDate(clock.now()),
      message,
      path,
      errorCode,
      infoLink: null,
      details: [],
    },
  };
}

/** What Reloadly's (Spring) gateway answers for a path it has no route for. */
export const notFound = (path: string, clock: Clock): Reply => ({
  status: 404,
  body: {
    timeStamp: reloadlyDate(clock.now()),
    status: 404,
    error: 'Not Found',
    message: 'No message available',
    path,
  },
});

/** As Reloadly's spec documents: the auth server answers JSON, the API its media type (errors too). */
export function reloadlyAnswer(reply: Reply, path: string): SimAnswer {
  if (reply.status === 204) return { status: 204, body: '' };
  return {
    status: reply.status,
    headers: { 'content-type': path === '/oauth/token' ? 'application/json' : RELOADLY_ACCEPT },
    body: JSON.stringify(reply.body),
  };
}
