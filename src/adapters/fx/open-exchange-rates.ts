import { z } from 'zod';
import { isRate } from '../../kernel/money.js';
import { FxFeedError, type FxFeed } from '../../ports/fx.js';

/**
 * The FX rate feed: a client for Open Exchange Rates' `latest.json` (`?app_id=…&base=USD&symbols=CNY` →
 * `{ timestamp, base, rates: { CNY: 7.1234 } }`). SimFill's embedded mode points it at the simulator in
 * src/simulators/fx; production at https://openexchangerates.org/api (or any service with the same shape).
 */

const latestSchema = z.object({
  timestamp: z.number().int().positive(),
  base: z.string().length(3),
  rates: z.record(z.string(), z.number().positive()),
});

export function createOpenExchangeRatesFeed(options: {
  baseUrl: string;
  appId: string;
  timeoutMs: number;
  name?: string;
}): FxFeed {
  return {
    name: options.name ?? 'Open Exchange Rates',
    async latest(base, quotes) {
      const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/latest.json`);
      url.searchParams.set('app_id', options.appId);
      url.searchParams.set('base', base);
      url.searchParams.set('symbols', quotes.join(','));
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (error) {
        throw new FxFeedError(`FX feed unreachable: ${(error as Error).message}`);
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const description = (body as { description?: string } | undefined)?.description ?? '';
        throw new FxFeedError(`FX feed answered ${response.status} ${description}`.trim());
      }
      const parsed = latestSchema.safeParse(body);
      if (!parsed.success) throw new FxFeedError('FX feed sent an unreadable answer');
      if (parsed.data.base !== base) throw new FxFeedError(`FX feed answered for base ${parsed.data.base}`);
      return quotes.flatMap((quote) => {
        const value = parsed.data.rates[quote];
        if (value === undefined) return [];
        // JSON numbers print back as the shortest exact decimal the feed wrote ("7.1234").
        const rate = String(value);
        if (!isRate(rate)) throw new FxFeedError(`FX feed rate for ${quote} is not a plain decimal: ${rate}`);
        return [{ base, quote, rate, asOf: new Date(parsed.data.timestamp * 1000) }];
      });
    },
  };
}
