import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { formatPrice } from '../../ui/format';
import { CnyEstimate } from '../CnyEstimate';
import { MoneyText } from '../wallet/MoneyText';
import type { Offer } from '../../api/types';

/** The amount box's label, in the currency a ranged offer is stated in: 金额（人民币） / Amount (CNY). */
export function useAmountLabel(): (currency: string) => string {
  const { t } = useI18n();
  return (currency) =>
    currency === 'USD' || currency === 'CNY'
      ? t(`line.amount.${currency}`)
      : t('line.amount.other', { currency });
}

/**
 * One offer as a radio card: the radio beside its name, what it is (the range a ranged top-up accepts, and
 * `children`, e.g. when it arrives) under the name, and its price on the right (with the CNY estimate).
 */
export function OfferChoice({
  offer,
  checked,
  onChoose,
  children,
}: {
  offer: Offer;
  checked: boolean;
  onChoose: () => void;
  children?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const { range } = offer;
  return (
    <label className="choice choice--offer">
      <input type="radio" name="offer" checked={checked} onChange={onChoose} />
      <span className="choice__body">
        <span className="choice__title">{offer.name}</span>
        {range || children ? (
          <span className="choice__detail">
            {range
              ? t('line.range', {
                  minimum: formatPrice(locale, range.minimum.amount_minor, range.minimum.currency),
                  maximum: formatPrice(locale, range.maximum.amount_minor, range.maximum.currency),
                })
              : null}
            {range && children ? ' · ' : null}
            {children}
          </span>
        ) : null}
      </span>
      {offer.price ? (
        <span className="choice__price">
          <MoneyText money={offer.price} />
          <CnyEstimate money={offer.price} amountOnly />
        </span>
      ) : null}
    </label>
  );
}
