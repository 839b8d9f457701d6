import { SimulatorFaults, type ControlInput } from '../kit/faults.js';

export type Settlement = 'SUCCESSFUL' | 'FAILED';

/**
 * The kit's switches plus Reloadly's own, which act on top-ups: hang, answer PROCESSING for a while, refuse,
 * or list every success twice in the transactions report.
 */
export class ReloadlyFaults extends SimulatorFaults {
  /** The transactions report lists every success twice. */
  reportSuccessesTwice = false;
  private topUpTimeouts = { count: 0, afterProcessing: false };
  private processing = { count: 0, forMs: 0, settlesAs: 'SUCCESSFUL' as Settlement };
  private refusals = { count: 0, errorCode: 'TOPUP_TRANSACTION_FAILED' };

  /** The next `count` top-ups hang without an answer; `afterProcessing`: the top-up happens first. */
  timeoutNextTopUps(count: number, options: { afterProcessing?: boolean } = {}): void {
    this.topUpTimeouts = { count, afterProcessing: options.afterProcessing ?? false };
  }

  /** The next `count` top-ups answer PROCESSING and settle `settlesAs` after `forMs` of simulator time. */
  processNextTopUps(count: number, forMs: number, settlesAs: Settlement = 'SUCCESSFUL'): void {
    this.processing = { count, forMs, settlesAs };
  }

  /** The next `count` top-ups are refused with this error code (a FAILED transaction is recorded). */
  refuseNextTopUps(count: number, errorCode = 'TOPUP_TRANSACTION_FAILED'): void {
    this.refusals = { count, errorCode };
  }

  /** Takes one planned top-up timeout of the given kind (before or after the top-up is carried out). */
  takeTopUpTimeout(afterProcessing: boolean): boolean {
    if (this.topUpTimeouts.count <= 0 || this.topUpTimeouts.afterProcessing !== afterProcessing) return false;
    this.topUpTimeouts.count -= 1;
    return true;
  }

  takeProcessing(): { forMs: number; settlesAs: Settlement } | undefined {
    if (this.processing.count <= 0) return undefined;
    this.processing.count -= 1;
    return { forMs: this.processing.forMs, settlesAs: this.processing.settlesAs };
  }

  /** The error code to refuse this top-up with, if one is planned. */
  takeRefusal(): string | undefined {
    if (this.refusals.count <= 0) return undefined;
    this.refusals.count -= 1;
    return this.refusals.errorCode;
  }

  override reset(): void {
    super.reset();
    this.reportSuccessesTwice = false;
    this.topUpTimeouts.count = 0;
    this.processing.count = 0;
    this.refusals.count = 0;
  }

  override switches(): ControlInput {
    return {
      ...super.switches(),
      reportSuccessesTwice: this.reportSuccessesTwice,
      timeoutNextTopUps: this.topUpTimeouts.count,
      timeoutTopUpsAfterProcessing: this.topUpTimeouts.afterProcessing,
      processNextTopUps: this.processing.count,
      processForMs: this.processing.forMs,
      processSettlesAs: this.processing.settlesAs,
      refuseNextTopUps: this.refusals.count,
      refuseErrorCode: this.refusals.errorCode,
    };
  }

  /** `POST /_simulator/faults`: the kit's switches and these, by the names `switches()` shows. */
  override apply(input: ControlInput): void {
    super.apply(input);
    if (typeof input.reportSuccessesTwice === 'boolean')
      this.reportSuccessesTwice = input.reportSuccessesTwice;
    if (typeof input.timeoutNextTopUps === 'number') {
      this.timeoutNextTopUps(input.timeoutNextTopUps, {
        afterProcessing: input.timeoutTopUpsAfterProcessing === true,
      });
    }
    if (typeof input.processNextTopUps === 'number') {
      this.processNextTopUps(
        input.processNextTopUps,
        typeof input.processForMs === 'number' ? input.processForMs : 0,
        input.processSettlesAs === 'FAILED' ? 'FAILED' : 'SUCCESSFUL',
      );
    }
    if (typeof input.refuseNextTopUps === 'number') {
      this.refuseNextTopUps(
        input.refuseNextTopUps,
        typeof input.refuseErrorCode === 'string' ? input.refuseErrorCode : undefined,
      );
    }
  }

  /**
   * `POST /_simulator/topup-faults`: the top-up switches in snake_case (`refuse_next` with `error_code`,
   * `process_next` with `process_for_ms`, `timeout_next` with `after_processing`), as the browser tests send
   * them; a count of 0 or none leaves that switch as it is.
   */
  applyTopUpForm(body: ControlInput): void {
    const count = (key: string) => (typeof body[key] === 'number' ? body[key] : 0);
    if (count('refuse_next') > 0) {
      this.refuseNextTopUps(
        count('refuse_next'),
        typeof body.error_code === 'string' ? body.error_code : undefined,
      );
    }
    if (count('process_next') > 0) this.processNextTopUps(count('process_next'), count('process_for_ms'));
    if (count('timeout_next') > 0) {
      this.timeoutNextTopUps(count('timeout_next'), { afterProcessing: body.after_processing === true });
    }
  }
}
