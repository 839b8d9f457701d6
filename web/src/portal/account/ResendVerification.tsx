import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useAction } from '../../ui/forms';
import { api } from '../../ui/http';
import type { ApiRequest } from '../../api/types';

/** "Send the verification email again" for an address the page already knows. */
export function ResendVerification({ email }: { email: string }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const [sent, setSent] = useState(false);
  const resend = async () => {
    const done = await action.run(() =>
      api('/v1/email-verifications/resend', {
        method: 'POST',
        body: { email } satisfies ApiRequest<'/v1/email-verifications/resend', 'post'>,
        locale,
      }).then(() => true),
    );
    if (done) setSent(true);
  };
  return (
    <div className="resend">
      <FormAlert error={action.error} />
      {sent ? <p role="status">{t('verify.resent', { email })}</p> : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={action.busy}
        onClick={() => void resend()}
      >
        {t('verify.resend')}
      </button>
    </div>
  );
}
