/**
 * The fault switches every simulator has: latency, errors and timeouts on API requests, and duplicate,
 * delayed, reordered or lost webhooks. A simulator with switches of its own extends the class and overrides
 * `switches()`, `apply()` and `reset()` (calling `super`), so the control API shows and sets them too.
 */

export type ControlInput = Record<string, unknown>;

export class SimulatorFaults {
  /** Added before every answer (API and hosted pages). */
  latencyMs = 0;
  /** Send every webhook twice (same event id). */
  duplicateWebhooks = false;
  /** Hold webhooks this long; everything emitted meanwhile goes out as one batch. */
  delayWebhooksMs = 0;
  /** Deliver each batch of webhooks newest first. */
  reorderWebhooks = false;
  /** Share (0–1) of API requests answered with a 500 at random. */
  failureRate = 0;
  /** Share (0–1) of webhook events never sent (the receiver's reconciliation must notice). */
  dropWebhookRate = 0;
  private failuresLeft = 0;
  private failureStatus = 500;
  private timeoutsLeft = 0;
  private timeoutAfterProcessing = false;

  /** Answer the next `count` API requests with `status` (500 by default) and the provider's server error. */
  failNextRequests(count: number, status = 500): void {
    this.failuresLeft = count;
    this.failureStatus = status;
  }

  /**
   * Hold the next API requests without answering (the client's timeout fires first). With `afterProcessing` the
   * request is carried out first (and its idempotent answer kept): the provider slow rather than down.
   */
  timeoutNextRequests(count: number, options?: { afterProcessing?: boolean }): void {
    this.timeoutsLeft = count;
    this.timeoutAfterProcessing = options?.afterProcessing ?? false;
  }

  reset(): void {
    this.latencyMs = 0;
    this.duplicateWebhooks = false;
    this.delayWebhooksMs = 0;
    this.reorderWebhooks = false;
    this.failureRate = 0;
    this.dropWebhookRate = 0;
    this.failuresLeft = 0;
    this.failureStatus = 500;
    this.timeoutsLeft = 0;
    this.timeoutAfterProcessing = false;
  }

  /**
   * Takes one planned timeout if any: `undefined` (answer normally), or whether to carry the request out before
   * never answering.
   */
  takeTimeout(): { afterProcessing: boolean } | undefined {
    if (this.timeoutsLeft <= 0) return undefined;
    this.timeoutsLeft -= 1;
    return { afterProcessing: this.timeoutAfterProcessing };
  }

  /** The status to fail this request with (a planned failure, or a random one at `failureRate`), if any. */
  takeFailure(): number | undefined {
    if (this.failuresLeft <= 0 && !(Math.random() < this.failureRate)) return undefined;
    this.failuresLeft = Math.max(0, this.failuresLeft - 1);
    return this.failureStatus;
  }

  /** What `GET /_simulator/faults` shows. */
  switches(): ControlInput {
    return {
      latencyMs: this.latencyMs,
      duplicateWebhooks: this.duplicateWebhooks,
      delayWebhooksMs: this.delayWebhooksMs,
      reorderWebhooks: this.reorderWebhooks,
      failureRate: this.failureRate,
      dropWebhookRate: this.dropWebhookRate,
      failNextRequests: this.failuresLeft,
      failStatus: this.failureStatus,
      timeoutNextRequests: this.timeoutsLeft,
      timeoutAfterProcessing: this.timeoutAfterProcessing,
    };
  }

  /** Sets what `POST /_simulator/faults` names; fields of the wrong type are ignored. */
  apply(input: ControlInput): void {
    const numbers = ['latencyMs', 'delayWebhooksMs', 'failureRate', 'dropWebhookRate'] as const;
    const flags = ['duplicateWebhooks', 'reorderWebhooks'] as const;
    for (const name of numbers) if (typeof input[name] === 'number') this[name] = input[name];
    for (const name of flags) if (typeof input[name] === 'boolean') this[name] = input[name];
    if (typeof input.failNextRequests === 'number') {
      this.failNextRequests(
        input.failNextRequests,
        typeof input.failStatus === 'number' ? input.failStatus : undefined,
      );
    }
    if (typeof input.timeoutNextRequests === 'number') {
      this.timeoutNextRequests(input.timeoutNextRequests, {
        afterProcessing: input.timeoutAfterProcessing === true,
      });
    }
  }
}
