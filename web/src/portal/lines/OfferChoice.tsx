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

/** One offer as a radio choice: its name, then its price or the range a ranged top-up accepts (and `children`). */
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
    <label className="choice choice--wide">
      <input type="radio" name="offer" checked={checked} onChange={onChoose} />
      <span className="choice__title">{offer.name}</span>
      <span className="choice__detail">
        {offer.price ? <MoneyText money={offer.price} /> : null}
        {range
          ? t('line.range', {
              minimum: formatPrice(locale, range.minimum.amount_minor, range.minimum.currency),
              maximum: formatPrice(locale, range.maximum.amount_minor, range.maximum.currency),
            })
          : null}
        {children}
        {offer.price ? <CnyEstimate money={offer.price} /> : null}
      </span>
    </label>
  );
}
