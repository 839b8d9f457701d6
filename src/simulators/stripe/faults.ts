import { SimulatorFaults, type ControlInput } from '../kit/faults.js';

/** The kit's switches plus Stripe's own: decline everything, or hold approved payments in `processing`. */
export class StripeFaults extends SimulatorFaults {
  /** Every card charge and every Alipay / WeChat Pay approval is declined. */
  declineAll = false;
  /** When > 0, an approved payment stays `processing` this long before it `succeeded`. */
  processingMs = 0;

  override reset(): void {
    super.reset();
    this.declineAll = false;
    this.processingMs = 0;
  }

  override switches(): ControlInput {
    return { ...super.switches(), declineAll: this.declineAll, processingMs: this.processingMs };
  }

  override apply(input: ControlInput): void {
    super.apply(input);
    if (typeof input.declineAll === 'boolean') this.declineAll = input.declineAll;
    if (typeof input.processingMs === 'number') this.processingMs = input.processingMs;
  }
}
