import type { FastifyInstance } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { translate } from '../kernel/i18n/index.js';

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the input would fail deep inside a query as a 500.
 * It is never meaningful in SimFill's input: refuse it at the edge, naming the field.
 */
const NODES_MAX = 10_000;

function findNul(value: unknown, path: string, budget: { nodes: number }): string | undefined {
  if (budget.nodes-- <= 0) return undefined;
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNul(value[index], `${path}[${index}]`, budget);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return childPath;
      const found = findNul(child, childPath, budget);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const budget = { nodes: NODES_MAX };
    const param =
      findNul(request.query, '', budget) ??
      findNul(request.params, '', budget) ??
      findNul(request.body, '', budget);
    if (param === undefined) return done();
    done(
      new AppError('parameter_invalid', {
        param: param || 'body',
        messageKey: 'parameter_invalid',
        values: { param: param || 'body', reason: translate(request.locale, 'reasons.nul_character') },
      }),
    );
  });
}
