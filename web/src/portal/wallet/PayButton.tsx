import { useI18n } from '../../i18n/I18nProvider';
import { formatPrice } from '../../ui/format';
import { useMethodName } from './MoneyText';
import type { Money } from '../../api/types';

/**
 * "Pay ¥72.40 with Alipay", and, after the API warned that the same thing was paid moments ago
 * (`possible_duplicate_payment`), the customer's explicit "pay again" next to it.
 */
export function PayButton({
  charge,
  method,
  busy,
  disabled = false,
  duplicate,
  onPay,
}: {
  charge: Money;
  method: string;
  busy: boolean;
  disabled?: boolean;
  duplicate: boolean;
  onPay: (confirmDuplicate: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const methodName = useMethodName();
  return (
    <>
      {duplicate ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => onPay(true)}
        >
          {t('topUp.payAgainAnyway')}
        </button>
      ) : null}
      <button
        type="button"
        className="button button--primary button--large"
        disabled={busy || disabled}
        aria-busy={busy}
        onClick={() => onPay(false)}
      >
        {busy
          ? t('form.working')
          : t('topUp.pay', {
              amount: formatPrice(locale, charge.amount_minor, charge.currency),
              method: methodName(method),
            })}
      </button>
    </>
  );
}
