import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import { NOTIFICATION_POINTS, type DownloadProgress, type Es2StatusCode } from '../../ports/smdp.js';
import { esimEvents, profiles, type InstallState } from './schema.js';

/**
 * What the SM-DP+ tells SimFill about a profile's download (HandleDownloadProgressInfo, SGP.22 §5.3.5), applied to
 * the profile: point 3 done → `downloaded`, point 4 done → `installed`. Forward only: the SM-DP+ retries a
 * notification until it is answered and may send them out of order, so a late `downloaded` after `installed`
 * changes nothing, and the same notification twice (same call identifier) is recorded once. A failed step (an eligibility or
 * confirmation-code refusal, a failed installation) is recorded as an event with the SM-DP+'s subject and reason
 * codes and leaves the state as it is (the phone may try again).
 *
 * ES2+ v2 notifications carry no transaction id: the "transaction" is the profile's download order, known by its
 * ICCID. A notification for an ICCID SimFill has not issued from its SM-DP+ is answered `Failed` `8.2.1/3.9`
 * (Profile ICCID, Unknown), which the SM-DP+ logs and does not retry.
 */

/** How far a profile has come; a notification only ever moves it to a later rank. */
const RANK: Record<InstallState, number> = {
  not_installed: 0,
  downloaded: 1,
  installed: 2,
  enabled: 3,
  deleted: 4,
};

const REACHES: Partial<Record<number, InstallState>> = {
  [NOTIFICATION_POINTS.downloaded]: 'downloaded',
  [NOTIFICATION_POINTS.installed]: 'installed',
};

export type DownloadProgressOutcome =
  | { result: 'recorded' | 'duplicate'; profileId: string; installState: InstallState }
  | { result: 'unknown_profile'; code: Es2StatusCode };

const PROGRESS_EVENT_KINDS = ['download_progress', 'download_failed'];

/**
 * A resend of the same notification carries the same functionCallIdentifier, point, status and timestamp. (An
 * SM-DP+ that mints a new identifier for each resend at worst adds an event: the state moves forward only.)
 */
const dedupeKeyOf = (progress: DownloadProgress) =>
  [
    progress.functionCallIdentifier ?? '',
    progress.notificationPointId,
    progress.status,
    progress.timestamp.toISOString(),
  ].join('|');

export async function recordDownloadProgress(
  tx: Tx,
  clock: Clock,
  progress: DownloadProgress,
): Promise<DownloadProgressOutcome> {
  const [profile] = await tx
    .select()
    .from(profiles)
    .where(and(eq(profiles.iccid, progress.iccid), eq(profiles.source, 'smdp')))
    .for('update');
  if (!profile) {
    return {
      result: 'unknown_profile',
      code: {
        subjectCode: '8.2.1',
        reasonCode: '3.9',
        subjectIdentifier: progress.iccid,
        message: 'Unknown ICCID',
      },
    };
  }
  const dedupeKey = dedupeKeyOf(progress);
  const [seen] = await tx
    .select({ id: esimEvents.id })
    .from(esimEvents)
    .where(
      and(
        eq(esimEvents.profileId, profile.id),
        inArray(esimEvents.kind, PROGRESS_EVENT_KINDS),
        sql`${esimEvents.detail}->>'dedupe_key' = ${dedupeKey}`,
      ),
    )
    .limit(1);
  if (seen) return { result: 'duplicate', profileId: profile.id, installState: profile.installState };

  const now = clock.now();
  const succeeded = progress.status === 'Executed-Success' || progress.status === 'Executed-WithWarning';
  const reached = succeeded ? REACHES[progress.notificationPointId] : undefined;
  const moves = reached !== undefined && RANK[reached] > RANK[profile.installState];
  const code = progress.code;
  await tx.insert(esimEvents).values({
    id: newId('esimEvent'),
    esimOrderId: null,
    profileId: profile.id,
    at: now,
    kind: succeeded ? 'download_progress' : 'download_failed',
    providerCode: code ? `${code.subjectCode}/${code.reasonCode}` : null,
    detail: {
      dedupe_key: dedupeKey,
      notification_point_id: progress.notificationPointId,
      status: progress.status,
      sent_at: progress.timestamp.toISOString(),
      profile_type: progress.profileType,
      eid: progress.eid ?? null,
      subject_code: code?.subjectCode ?? null,
      reason_code: code?.reasonCode ?? null,
      message: code?.message ?? null,
      install_state_from: profile.installState,
      install_state_to: moves ? reached : profile.installState,
    },
  });
  const eid = profile.eid ?? progress.eid ?? null;
  if (moves || eid !== profile.eid) {
    await tx
      .update(profiles)
      .set({
        eid,
        ...(moves ? { installState: reached, installStateAt: progress.timestamp } : {}),
        updatedAt: now,
      })
      .where(eq(profiles.id, profile.id));
  }
  return {
    result: 'recorded',
    profileId: profile.id,
    installState: moves ? reached : profile.installState,
  };
}
