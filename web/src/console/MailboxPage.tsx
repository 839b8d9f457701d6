import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { FormAlert, useLoad } from '../ui/forms';
import type { ApiList, DevMessage } from '../api/types';
import { api } from '../ui/http';
import { NoAccess } from './ConsoleApp';

/** What the embedded SMTP server received (embedded mode): find a verification or reset link. */
export function MailboxPage() {
  const { t, locale } = useI18n();
  const action = useLoad();
  const [messages, setMessages] = useState<DevMessage[]>([]);
  const [open, setOpen] = useState<DevMessage | null>(null);
  const load = async () => {
    const page = await action.run(() =>
      api<ApiList<'/v1/dev/mailbox'>>('/v1/dev/mailbox?limit=100', { locale }),
    );
    if (page) setMessages([...page.data].reverse());
  };
  useEffect(() => {
    void load();
  }, []); // once on open
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
  if (action.error?.code === 'permission_denied') return <NoAccess />;
  if (action.error?.code === 'route_not_found') return <p>{t('console.mailbox.notEmbedded')}</p>;
  return (
    <section>
      <h1>{t('console.nav.mailbox')}</h1>
      <p>{t('console.mailbox.intro')}</p>
      <FormAlert error={action.error} />
      <button
        type="button"
        className="button button--secondary"
        disabled={action.busy}
        onClick={() => void load()}
      >
        {t('console.mailbox.refresh')}
      </button>
      <div className="mailbox">
        <ul className="mailbox__list" aria-label={t('console.nav.mailbox')}>
          {messages.map((message) => (
            <li key={message.id}>
              <button
                type="button"
                className="mailbox__item"
                aria-current={open?.id === message.id ? 'true' : undefined}
                onClick={() => setOpen(message)}
              >
                <span className="mailbox__subject">{message.subject}</span>
                <span className="muted">
                  {message.to} · {when(message.received)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {open ? (
          <MessageView message={open} />
        ) : (
          <p className="muted">
            {messages.length === 0 ? t('console.mailbox.empty') : t('console.mailbox.pick')}
          </p>
        )}
      </div>
    </section>
  );
}

function MessageView({ message }: { message: DevMessage }) {
  const { t } = useI18n();
  const parts = message.text.split(/(https?:\/\/\S+)/g);
  return (
    <article className="mailbox__message" aria-label={message.subject}>
      <h2>{message.subject}</h2>
      <p className="muted">{message.to}</p>
      <pre className="mailbox__text">
        {parts.map((part, index) =>
          /^https?:\/\//.test(part) ? (
            <a key={index} href={part}>
              {part}
            </a>
          ) : (
            part
          ),
        )}
      </pre>
      {message.html ? (
        <iframe
          title={t('console.mailbox.html')}
          sandbox=""
          srcDoc={message.html}
          className="mailbox__html"
        />
      ) : null}
    </article>
  );
}
