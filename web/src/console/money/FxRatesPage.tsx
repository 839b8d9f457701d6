import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Field, fieldError, FormAlert, formText, SubmitButton, useAction, useLoad } from '../../ui/forms';
import type { ApiList, ApiRequest, FxPair } from '../../api/types';
import { api } from '../../ui/http';
import { NoAccess } from '../ConsoleApp';
import { useStaffSession } from '../staffSession';

/** 汇率: what customers are charged at, from the feed plus a markup or the operator's own rate. */
export function FxRatesPage() {
  const { t, locale } = useI18n();
  const load = useLoad();
  const [pairs, setPairs] = useState<FxPair[]>([]);
  const reload = async () => {
    const page = await load.run(() => api<ApiList<'/v1/fx-pairs'>>('/v1/fx-pairs', { locale }));
    if (page) setPairs(page.data);
  };
  useEffect(() => {
    void reload();
  }, []); // once
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  return (
    <section>
      <h1>{t('console.nav.fx')}</h1>
      <p>{t('console.fx.intro')}</p>
      <FormAlert error={load.error} />
      {pairs.map((pair) => (
        <PairCard
          key={pair.id}
          pair={pair}
          onSaved={(next) => setPairs(pairs.map((item) => (item.id === next.id ? next : item)))}
        />
      ))}
    </section>
  );
}

function PairCard({ pair, onSaved }: { pair: FxPair; onSaved: (pair: FxPair) => void }) {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const save = useAction();
  const [mode, setMode] = useState(pair.mode);
  const canManage = session?.staff.permissions.includes('fx.manage') ?? false;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const markupPercent = Number(formText(form, 'markup') || '0');
    const rate = formText(form, 'rate').trim();
    const body: ApiRequest<'/v1/fx-pairs/{id}', 'patch'> = {
      mode,
      markup_bps: Math.round(markupPercent * 100),
      ...(mode === 'operator' && rate ? { rate } : {}),
    };
    const next = await save.run(() =>
      api<FxPair>(`/v1/fx-pairs/${pair.id}`, {
        method: 'PATCH',
        body,
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (next) onSaved(next);
  };
  return (
    <article className="panel" aria-label={`${pair.base} → ${pair.quote}`}>
      <h2>
        {pair.base} → {pair.quote}
      </h2>
      <p className="fx-effective" role="status">
        {pair.effective
          ? t('console.fx.effective', {
              rate: pair.effective.rate,
              source: t(pair.effective.source === 'feed' ? 'quote.source.feed' : 'quote.source.operator'),
              time: when(pair.effective.as_of),
            })
          : t('console.fx.none')}
      </p>
      <dl className="order-facts">
        <dt>{t('console.fx.feed')}</dt>
        <dd>
          {pair.latest_feed
            ? `${pair.latest_feed.rate} · ${pair.latest_feed.source_name} · ${when(pair.latest_feed.as_of)}`
            : '—'}
        </dd>
        <dt>{t('console.fx.operator')}</dt>
        <dd>
          {pair.latest_operator ? `${pair.latest_operator.rate} · ${when(pair.latest_operator.as_of)}` : '—'}
        </dd>
      </dl>
      {canManage ? (
        <form onSubmit={(event) => void submit(event)}>
          <fieldset>
            <legend>{t('console.fx.mode')}</legend>
            <label className="choice">
              <input type="radio" name="mode" checked={mode === 'feed'} onChange={() => setMode('feed')} />
              {t('console.fx.mode.feed')}
            </label>
            <label className="choice">
              <input
                type="radio"
                name="mode"
                checked={mode === 'operator'}
                onChange={() => setMode('operator')}
              />
              {t('console.fx.mode.operator')}
            </label>
          </fieldset>
          <Field
            label={t('console.fx.markup')}
            name="markup"
            inputMode="decimal"
            defaultValue={String(pair.markup_bps / 100)}
            error={fieldError(save.error, 'markup_bps')}
          />
          {mode === 'operator' ? (
            <Field
              label={t('console.fx.rate', { base: pair.base, quote: pair.quote })}
              name="rate"
              inputMode="decimal"
              defaultValue={pair.latest_operator?.rate ?? pair.effective?.rate ?? ''}
              error={fieldError(save.error, 'rate')}
            />
          ) : null}
          <FormAlert error={save.error} fields={['markup_bps', 'rate']} />
          <SubmitButton busy={save.busy}>{t('console.fx.save')}</SubmitButton>
        </form>
      ) : null}
    </article>
  );
}
