import type { SimulatorFaults } from './faults.js';

/**
 * The webhook outbox: events queue up, go out in batches (after `delayWebhooksMs`, newest first with
 * `reorderWebhooks`, twice with `duplicateWebhooks`, some never with `dropWebhookRate`), each attempt signed
 * afresh by the simulator's `transmit` hook, a refused one retried on the simulator's schedule until it is
 * accepted, the attempts run out or the outbox closes.
 */

/** How a refused delivery is retried: `attemptsMax` attempts in all, `delayMs(attempt)` before attempt + 1. */
export interface RetrySchedule {
  attemptsMax: number;
  delayMs: (attempt: number) => number;
}

/** Doubling waits from `firstDelayMs`, capped at `delayMsMax`. */
export function doublingRetry(options: {
  firstDelayMs: number;
  delayMsMax?: number;
  attemptsMax: number;
}): RetrySchedule {
  const delayMsMax = options.delayMsMax ?? Number.POSITIVE_INFINITY;
  return {
    attemptsMax: options.attemptsMax,
    delayMs: (attempt) => Math.min(options.firstDelayMs * 2 ** (attempt - 1), delayMsMax),
  };
}

/** One attempt as the provider sends it: the body and its (freshly signed) headers. */
export interface Transmission {
  body: string;
  headers: Record<string, string>;
}

export interface WebhookOutboxOptions<Event, Delivery> {
  faults: SimulatorFaults;
  retry: RetrySchedule;
  url?: string;
  /** Builds one attempt (called again for every retry and duplicate, so signatures are fresh). */
  transmit(event: Event): Transmission;
  /** What `deliveries()` and `GET /_simulator/webhooks` list for one attempt; status 0 = no answer. */
  record(event: Event, transmission: Transmission, status: number): Delivery;
}

const DELIVERY_TIMEOUT_MS = 10_000;

export class WebhookOutbox<Event, Delivery> {
  url: string | undefined;
  private queue: Event[] = [];
  private flushScheduled = false;
  private pendingBatches = 0;
  private settledWaiters: (() => void)[] = [];
  private readonly delivered: Delivery[] = [];
  private closed = false;
  /** Waits between attempts; close() ends them at once. */
  private readonly retryWaits = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly options: WebhookOutboxOptions<Event, Delivery>) {
    this.url = options.url;
  }

  /** Queues the event for delivery, unless `dropWebhookRate` loses it. */
  enqueue(event: Event): void {
    if (Math.random() < this.options.faults.dropWebhookRate) return;
    this.queue.push(event);
    this.scheduleFlush();
  }

  /** Delivery attempts so far (duplicates and retries included), oldest first. */
  deliveries(): Delivery[] {
    return [...this.delivered];
  }

  /** Resolves once every queued webhook has been delivered or given up on. */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.settledWaiters.push(resolve);
      this.settle();
    });
  }

  /** Stops sending: no new attempts, and retries waiting now give up. */
  close(): void {
    this.url = undefined;
    this.closed = true;
    for (const [timer, wake] of this.retryWaits) {
      clearTimeout(timer);
      wake();
    }
    this.retryWaits.clear();
  }

  private settle(): void {
    if (this.pendingBatches > 0 || this.queue.length > 0 || this.flushScheduled) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const delayMs = this.options.faults.delayWebhooksMs;
    if (delayMs > 0) setTimeout(() => this.flush(), delayMs).unref();
    else queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const faults = this.options.faults;
    const batch = faults.reorderWebhooks ? [...this.queue].reverse() : this.queue;
    this.queue = [];
    if (batch.length === 0) return this.settle();
    this.pendingBatches += 1;
    void (async () => {
      for (const event of batch) {
        await this.deliver(event);
        if (faults.duplicateWebhooks) await this.deliver(event);
      }
    })().finally(() => {
      this.pendingBatches -= 1;
      this.settle();
    });
  }

  private async deliver(event: Event): Promise<void> {
    const { attemptsMax, delayMs } = this.options.retry;
    for (let attempt = 1; attempt <= attemptsMax && this.url && !this.closed; attempt += 1) {
      const transmission = this.options.transmit(event);
      const status = await post(this.url, transmission);
      this.delivered.push(this.options.record(event, transmission, status));
      if (status >= 200 && status < 300) return;
      if (attempt < attemptsMax) await this.waitForRetry(delayMs(attempt));
    }
  }

  private waitForRetry(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.retryWaits.delete(timer);
        resolve();
      }, ms).unref();
      this.retryWaits.set(timer, resolve);
    });
  }
}

/** The receiver's status, or 0 when it did not answer in time. */
async function post(url: string, transmission: Transmission): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: transmission.headers,
      body: transmission.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
