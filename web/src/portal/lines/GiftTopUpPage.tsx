import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, SubmitButton, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { BuyPanel } from './LinePage';
import type { ApiList, ApiRequest, Offer, Operator, PhoneLookup } from '../../api/types';
import { usePhoneFormat } from '../../ui/phone';

/** 给任意号码充值: any number (a parent's, a friend's), checked and its carrier found before anything is paid. */
export function GiftTopUpPage() {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useSession();
  const looking = useLoad();
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<{
    phone: string;
    operator: Operator | null;
    offers: Offer[];
  } | null>(null);

  const look = async (event: FormEvent) => {
    event.preventDefault();
    setFound(null);
    const result = await looking.run(async () => {
      const number = await api<PhoneLookup>('/v1/phone-numbers/lookup', {
        method: 'POST',
        body: { phone } satisfies ApiRequest<'/v1/phone-numbers/lookup', 'post'>,
        locale,
        csrfToken: session?.csrf_token,
      });
      const offers = await api<ApiList<'/v1/offers'>>(
        `/v1/offers?phone=${encodeURIComponent(number.phone)}`,
        {
          locale,
        },
      );
      return {
        phone: number.phone,
        operator: number.operator,
        offers: offers.data,
      };
    });
    if (result) setFound(result);
  };

  return (
    <AccountLayout title={t('gift.title')}>
      <p>{t('gift.intro')}</p>
      <form className="form add-line__form" onSubmit={(event) => void look(event)} noValidate>
        <Field
          label={t('lines.phone')}
          hint={t('lines.phoneHint')}
          type="tel"
          value={phone}
          onChange={(event) => {
            setPhone(event.target.value);
            setFound(null);
          }}
          error={fieldError(looking.error, 'phone')}
        />
        <FormAlert error={looking.error} fields={['phone']} />
        <SubmitButton busy={looking.busy}>{t('lines.check')}</SubmitButton>
      </form>
      {found ? (
        <>
          <p role="status">
            {found.operator
              ? t('lines.found', {
                  number: formatPhone(found.phone),
                  carrier: found.operator.carrier?.name ?? found.operator.name,
                })
              : t('lines.foundUnknown', { number: formatPhone(found.phone) })}
          </p>
          <BuyPanel recipient={{ phone: found.phone }} offers={found.offers} />
        </>
      ) : null}
    </AccountLayout>
  );
}
