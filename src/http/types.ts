import type { Locale } from '../kernel/i18n/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language people see in this response: the user's choice (cookie), then Accept-Language. */
    locale: Locale;
  }
  interface FastifyContextConfig {
    /**
     * A creating POST: honours the Idempotency-Key header. `redact` names response fields that are shown once
     * (a new API key's secret) and so are not stored for replays.
     */
    idempotent?: boolean | { redact: string[] };
  }
}
