import { SimulatorFaults, type ControlInput } from '../kit/faults.js';

export type DenialMode = 'DECLINED' | 'INSTRUMENT_DECLINED';

/** The kit's switches plus PayPal's own: deny the next captures. */
export class PayPalFaults extends SimulatorFaults {
  private denialsLeft = 0;
  private denialMode: DenialMode = 'DECLINED';

  /**
   * The next `count` captures fail: `DECLINED` (default) completes the order with a `DECLINED` capture and sends
   * `PAYMENT.CAPTURE.DENIED`; `INSTRUMENT_DECLINED` answers 422 and sends the payer back to approve again.
   */
  denyNextCapture(count = 1, mode: DenialMode = 'DECLINED'): void {
    this.denialsLeft = count;
    this.denialMode = mode;
  }

  /** Takes one planned denial, if any. */
  takeDenial(): DenialMode | undefined {
    if (this.denialsLeft <= 0) return undefined;
    this.denialsLeft -= 1;
    return this.denialMode;
  }

  override reset(): void {
    super.reset();
    this.denialsLeft = 0;
    this.denialMode = 'DECLINED';
  }

  override switches(): ControlInput {
    return { ...super.switches(), denyNextCapture: this.denialsLeft, denyMode: this.denialMode };
  }

  override apply(input: ControlInput): void {
    super.apply(input);
    if (typeof input.denyNextCapture === 'number') {
      this.denyNextCapture(
        input.denyNextCapture,
        input.denyMode === 'INSTRUMENT_DECLINED' ? 'INSTRUMENT_DECLINED' : 'DECLINED',
      );
    }
  }
}
