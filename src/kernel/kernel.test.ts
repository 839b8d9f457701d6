import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { AppError, ERROR_CATALOG, type ErrorCode } from './errors.js';
import { isId, newId } from './ids.js';
import { localeFromAcceptLanguage, resolveLocale, translate } from './i18n/index.js';
import { en } from './i18n/en.js';
import { zhCN } from './i18n/zh-CN.js';
import { pageRequest, toPage } from './pagination.js';

describe('ids', () => {
  it('are prefixed by kind and recognised only as that kind', () => {
    const id = newId('plan');
    expect(id).toMatch(/^plan_[0-9a-z]{26}$/);
    expect(isId('plan', id)).toBe(true);
    expect(isId('carrier', id)).toBe(false);
    expect(isId('plan', 'plan_123')).toBe(false);
    expect(isId('plan', "plan_' or 1=1 --")).toBe(false);
  });

  it('sort by creation order and never repeat', () => {
    const ids = Array.from({ length: 2000 }, () => newId('request'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('clock', () => {
  it('moves only when a test moves it, and only forward', () => {
    const clock = new ManualClock('2026-11-24T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-24T00:00:00.000Z');
    clock.advance(15 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-11-24T00:15:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('pagination', () => {
  it('says whether another page exists from one extra row', () => {
    expect(toPage([1, 2, 3], 2)).toEqual({ object: 'list', data: [1, 2], has_more: true });
    expect(toPage([1, 2], 2)).toEqual({ object: 'list', data: [1, 2], has_more: false });
  });

  it('rejects a cursor that is not an id of the listed kind', () => {
    const carrierId = newId('carrier');
    expect(() => pageRequest('plan', { limit: 20, starting_after: carrierId })).toThrow(AppError);
    try {
      pageRequest('plan', { limit: 20, starting_after: 'garbage' });
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_cursor', status: 400, param: 'starting_after' });
    }
    const planId = newId('plan');
    expect(pageRequest('plan', { limit: 5, starting_after: planId })).toEqual({
      limit: 5,
      startingAfter: planId,
    });
  });
});

describe('i18n', () => {
  it('prefers the user choice, then Accept-Language with q-values, then English', () => {
    expect(resolveLocale('zh-CN', 'en-US,en;q=0.9')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'en-US;q=0.5,zh-TW;q=0.8')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'fr-FR,en;q=0.3')).toBe('en');
    expect(resolveLocale('xx', 'zh-Hans-CN')).toBe('zh-CN');
    expect(resolveLocale(undefined, undefined)).toBe('en');
    expect(localeFromAcceptLanguage('zh;q=0,en;q=0.1')).toBe('en');
  });

  it('has every message in both languages', () => {
    const keys = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'object' && value !== null
          ? keys(value as object, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) {
      expect(translate('zh-CN', key)).not.toBe(translate('en', key));
    }
  });

  it('interpolates values without HTML escaping (the JSON edge escapes)', () => {
    expect(translate('en', 'errors.resource_missing', { resource: 'plan', id: 'a&b' })).toBe(
      'No such plan: a&b.',
    );
  });

  it('never throws on arbitrary Accept-Language headers (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        expect(['zh-CN', 'en']).toContain(resolveLocale(undefined, header));
      }),
    );
  });
});

describe('the error catalog', () => {
  it('gives every error a message in Chinese and in English, and one status wherever it is raised', () => {
    const codes = Object.keys(ERROR_CATALOG) as ErrorCode[];
    const messages = (locale: { errors: Record<string, string> }) =>
      codes.filter((code) => !locale.errors[code]);
    expect(messages(en)).toEqual([]);
    expect(messages(zhCN)).toEqual([]);
    for (const code of codes) {
      const error = new AppError(code, { param: 'x' });
      expect([error.type, error.status]).toEqual([ERROR_CATALOG[code].type, ERROR_CATALOG[code].status]);
      expect(error.status >= 400 && error.status < 600, code).toBe(true);
    }
    expect(new AppError('quote_expired').status).toBe(409);
    expect(new AppError('order_state_invalid').status).toBe(409);
  });
});
