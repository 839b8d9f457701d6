/** The FX rate feed's port: what pricing needs from any source of rates (src/adapters/fx). */

export interface FxObservation {
  base: string;
  quote: string;
  /** Decimal string, exactly as the feed wrote it. */
  rate: string;
  asOf: Date;
}

export interface FxFeed {
  readonly name: string;
  latest(base: string, quotes: string[]): Promise<FxObservation[]>;
}

export class FxFeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FxFeedError';
  }
}
