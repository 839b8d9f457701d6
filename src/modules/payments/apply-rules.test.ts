import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProviderPaymentStatus } from '../../ports/payments.js';
import { decideApply } from './attempts.js';
import type { PaymentRow } from './schema.js';

type Status = PaymentRow['status'];
const REPORTED: ProviderPaymentStatus[] = [
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'canceled',
];
const FINAL: Status[] = ['succeeded', 'failed', 'canceled'];
const asked = { amountMinor: 1800, currency: 'CNY' };

/** Applies reports in the order they arrive, as the inbox and status checks do. */
function applyAll(reports: ProviderPaymentStatus[]): Status {
  let status: Status = 'creating';
  for (const reported of reports) {
    if (decideApply({ status, ...asked }, { status: reported, ...asked }) === 'applied') status = reported;
  }
  return status;
}

describe('applying what a provider reports about a payment (forward only)', () => {
  it('never replaces a final state, whatever arrives later', () => {
    for (const status of FINAL) {
      for (const reported of REPORTED) {
        const outcome = decideApply({ status, ...asked }, { status: reported, ...asked });
        expect(outcome, `${status} ← ${reported}`).toBe(reported === status ? 'duplicate' : 'stale');
      }
    }
  });

  it('never moves back: a late processing does not undo requires_action → processing → succeeded', () => {
    expect(decideApply({ status: 'processing', ...asked }, { status: 'requires_action', ...asked })).toBe(
      'stale',
    );
    expect(decideApply({ status: 'requires_action', ...asked }, { status: 'processing', ...asked })).toBe(
      'applied',
    );
    expect(decideApply({ status: 'creating', ...asked }, { status: 'succeeded', ...asked })).toBe('applied');
  });

  it('refuses a report for another amount or currency than SimFill asked for', () => {
    expect(
      decideApply(
        { status: 'creating', ...asked },
        { status: 'succeeded', amountMinor: 1799, currency: 'CNY' },
      ),
    ).toBe('mismatch');
    expect(
      decideApply(
        { status: 'creating', ...asked },
        { status: 'succeeded', amountMinor: 1800, currency: 'USD' },
      ),
    ).toBe('mismatch');
    // Providers write currencies in lower case; it is the same currency.
    expect(
      decideApply(
        { status: 'creating', ...asked },
        { status: 'succeeded', amountMinor: 1800, currency: 'cny' },
      ),
    ).toBe('applied');
  });

  it('ends in the same state whatever order duplicated and reordered reports arrive in', () => {
    const journey = fc.constantFrom<ProviderPaymentStatus[]>(
      ['requires_action', 'processing', 'succeeded'],
      ['requires_action', 'failed'],
      ['requires_action', 'canceled'],
      ['processing', 'succeeded'],
    );
    fc.assert(
      fc.property(
        journey.chain((steps) =>
          fc.tuple(
            fc.constant(steps),
            fc.shuffledSubarray([...steps, ...steps], { minLength: steps.length * 2 }),
          ),
        ),
        ([steps, delivered]) => {
          // Every report arrives (twice), in any order: the attempt ends where the provider ended.
          expect(applyAll(delivered)).toBe(steps.at(-1));
        },
      ),
    );
  });
});
