import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED_DEVIATIONS, type Deviation } from './deviations.js';
import { SPEC_SOURCES } from './sources.js';
import { ContractValidator, type ValidatorOptions, type Violation } from './validator.js';
import type { Exchange } from './recorder.js';

const specsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'specs');

/** The trimmed documents of a provider, by file name without `.json`. */
export function loadDocuments(provider: string): Record<string, Record<string, unknown>> {
  const source = SPEC_SOURCES.find((candidate) => candidate.provider === provider)!;
  return Object.fromEntries(
    source.files.map((file) => [
      file.output.replace(/\.json$/, ''),
      JSON.parse(fs.readFileSync(path.join(specsDir, provider, file.output), 'utf8')) as Record<
        string,
        unknown
      >,
    ]),
  );
}

/** A provider's validator with its allowed deviations' schema patches applied. */
export function validatorFor(
  provider: 'stripe' | 'paypal' | 'reloadly',
  extra: Partial<ValidatorOptions> = {},
): ContractValidator {
  const patches = ALLOWED_DEVIATIONS.flatMap((deviation) =>
    deviation.provider === provider && deviation.patch
      ? [{ ...deviation.patch, reason: deviation.reason }]
      : [],
  );
  return new ContractValidator({
    provider,
    documents: loadDocuments(provider),
    requestEncoding: provider === 'stripe' ? 'form' : 'json',
    nullableProperties: ALLOWED_DEVIATIONS.flatMap((deviation) =>
      deviation.provider === provider ? (deviation.nullable ?? []) : [],
    ),
    patches,
    ...extra,
  });
}

const matches = (deviation: Deviation, violation: Violation) =>
  deviation.provider === violation.provider &&
  deviation.ignore !== undefined &&
  (deviation.ignore.where === undefined || deviation.ignore.where === violation.where) &&
  (deviation.ignore.operation === undefined || deviation.ignore.operation.test(violation.operation)) &&
  deviation.ignore.pointer.test(violation.pointer) &&
  (deviation.ignore.message === undefined || deviation.ignore.message.test(violation.message));

/** Splits violations into those an allowed deviation explains and the rest; counts each deviation's uses. */
export function explain(violations: Violation[], used: Map<Deviation, number>): Violation[] {
  return violations.filter((violation) => {
    const deviation = ALLOWED_DEVIATIONS.find((candidate) => matches(candidate, violation));
    if (!deviation) return true;
    used.set(deviation, (used.get(deviation) ?? 0) + 1);
    return false;
  });
}

/** Records which operations were exercised, validates each exchange, and keeps what no deviation explains. */
export class ContractLedger {
  readonly exercised = new Set<string>();
  readonly unexplained: Violation[] = [];
  readonly used = new Map<Deviation, number>();
  private readonly checked = new WeakSet<Exchange>();

  constructor(readonly validator: ContractValidator) {}

  /** Validates exchanges not seen before; returns the unexplained violations among them. */
  check(exchanges: Exchange[]): Violation[] {
    const found: Violation[] = [];
    for (const exchange of exchanges) {
      if (this.checked.has(exchange)) continue;
      this.checked.add(exchange);
      const operation = this.validator.operationOf(
        exchange.method,
        new URL(exchange.url, 'http://x').pathname,
      );
      if (operation) this.exercised.add(`${operation} ${exchange.status}`);
      found.push(...explain(this.validator.validateExchange(exchange), this.used));
    }
    this.unexplained.push(...found);
    return found;
  }

  webhook(document: string, schema: string, value: unknown, label: string): Violation[] {
    const found = explain(this.validator.validateSchema(document, schema, value, label), this.used);
    this.unexplained.push(...found);
    return found;
  }

  /** Operations in the spec that no exchange reached (any status). */
  unexercised(): string[] {
    const reached = new Set([...this.exercised].map((entry) => entry.replace(/ \d+$/, '')));
    return this.validator.operationNames().filter((name) => !reached.has(name));
  }

  /** Deviations of this provider that are neither used nor marked `mayBeUnused`. */
  unusedDeviations(provider: string): string[] {
    return ALLOWED_DEVIATIONS.filter(
      (deviation) =>
        deviation.provider === provider &&
        deviation.ignore !== undefined &&
        !deviation.mayBeUnused &&
        !this.used.has(deviation),
    ).map((deviation) => deviation.reason);
  }
}

export const describeViolations = (violations: Violation[]) =>
  violations.map(
    (violation) =>
      `${violation.operation}${violation.status ? ` → ${violation.status}` : ''} ${violation.where} ${violation.pointer}: ${violation.message}`,
  );
