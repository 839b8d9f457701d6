import { describe, expect, it } from 'vitest';
import { nameOfProduct, nameOfProductFor, paymentDescriptionOf } from './product-names.js';

const airtime = {
  phone: '+16462174512',
  kind: 'airtime',
  amount_minor: 2500,
  currency: 'USD',
  operator_name: 'T-Mobile United States',
};
const chinaMobilePlan = {
  phone: '+8613812345678',
  kind: 'bundle',
  amount_minor: 5000,
  currency: 'CNY',
  operator_name: 'China Mobile China',
  validity_days: 30,
  data_quota_mb: 10240,
  unlimited_data: false,
};

describe('product names', () => {
  it('calls a wallet credit a wallet top-up, in each language', () => {
    expect(nameOfProductFor({ kind: 'wallet_credit', delivery: { amount_minor: 2000 } }, 'zh-CN')).toBe(
      '钱包充值',
    );
    expect(nameOfProductFor({ kind: 'wallet_credit' }, 'en')).toBe('Wallet top-up');
  });

  it('names a line top-up by its kind, its operator as customers call it and its number formatted', () => {
    const topUp = { kind: 'line_topup', delivery: airtime };
    expect(nameOfProductFor(topUp, 'zh-CN')).toBe('T-Mobile 话费充值 US$25.00：+1 646 217 4512');
    expect(nameOfProductFor(topUp, 'en')).toBe('T-Mobile top-up of $25.00 for +1 646 217 4512');
    expect(nameOfProduct(topUp, 'zh-CN')).toBe('T-Mobile 话费充值 US$25.00');
  });

  it('names a plan renewal by what the plan holds, with no space after a Chinese operator name', () => {
    const renewal = { kind: 'line_topup', delivery: chinaMobilePlan };
    expect(nameOfProductFor(renewal, 'zh-CN')).toBe('中国移动套餐续费（10 GB · 30 天）：+86 138 1234 5678');
    expect(nameOfProductFor(renewal, 'en')).toBe(
      'China Mobile plan renewal (10 GB, 30 days) for +86 138 1234 5678',
    );
    const unlimited = { ...chinaMobilePlan, unlimited_data: true, validity_days: 1 };
    expect(nameOfProduct({ kind: 'line_topup', delivery: unlimited }, 'en')).toBe(
      'China Mobile plan renewal (unlimited data, 1 day)',
    );
  });

  it('keeps the name an older order was quoted with when its delivery does not carry the operator', () => {
    const older = {
      kind: 'line_topup',
      delivery: { phone: '+16462174512', kind: 'airtime' },
      name: { 'zh-CN': '旧名称', en: 'Old name' },
    };
    expect(nameOfProductFor(older, 'zh-CN')).toBe('旧名称：+1 646 217 4512');
  });

  it('tells the payment provider what the payment is for, in the customer’s language', () => {
    expect(paymentDescriptionOf({ kind: 'line_topup', delivery: airtime }, 'zh-CN')).toBe(
      'SimFill：T-Mobile 话费充值 US$25.00：+1 646 217 4512',
    );
    expect(paymentDescriptionOf({ kind: 'wallet_credit' }, 'en')).toBe('SimFill: Wallet top-up');
  });
});
