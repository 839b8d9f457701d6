import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, NETWORK_ERROR } from './http';

/**
 * Form plumbing shared by portal and console: one action in flight at a time (the button is disabled), one
 * Idempotency-Key per user action (reused when the same action is retried after a failure), and API errors
 * shown next to the field they name or above the form.
 */

export interface Action {
  busy: boolean;
  error: ApiError | null;
  run: <T>(work: (idempotencyKey: string) => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);
  const key = useRef<string | null>(null);
  const run = useCallback(async <T,>(work: (idempotencyKey: string) => Promise<T>) => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    key.current ??= crypto.randomUUID();
    try {
      const result = await work(key.current);
      key.current = null;
      return result;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, NETWORK_ERROR, '', undefined));
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(null);
    key.current = null;
  }, []);
  return { busy, error, run, clear };
}

export interface Load {
  busy: boolean;
  error: ApiError | null;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
}

/**
 * Reading what a page shows: unlike an action, a newer read replaces one still in flight (the customer moved to
 * another tab, typed another number), and only the latest read's answer or error is applied; a superseded or
 * unmounted read answers undefined. An action drops the second call instead, which is right for a payment and
 * wrong here: a view switched while the first list was loading kept the old list, or none.
 */
export function useLoad(): Load {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );
  const run = useCallback(async <T,>(work: () => Promise<T>) => {
    latest.current += 1;
    const ticket = latest.current;
    setBusy(true);
    setError(null);
    try {
      const result = await work();
      return ticket === latest.current ? result : undefined;
    } catch (caught) {
      if (ticket === latest.current) {
        setError(caught instanceof ApiError ? caught : new ApiError(0, NETWORK_ERROR, '', undefined));
      }
      return undefined;
    } finally {
      if (ticket === latest.current) setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/** The message of an error that belongs to `param`, if it does. */
export function fieldError(error: ApiError | null, param: string): string | undefined {
  return error && error.param === param ? error.message : undefined;
}

export function useErrorText(): (error: ApiError) => string {
  const { t } = useI18n();
  return (error) => {
    if (error.code === NETWORK_ERROR) return t('form.networkError');
    return error.message || t('form.httpError', { status: error.status });
  };
}

/** Errors not tied to one of `fields` (or to any field), above the form. */
export function FormAlert({ error, fields = [] }: { error: ApiError | null; fields?: string[] }) {
  const text = useErrorText();
  if (!error || (error.param !== undefined && fields.includes(error.param))) return null;
  return (
    <div className="notice notice--error form-alert" role="alert">
      <p className="notice__message">{text(error)}</p>
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
};

export function Field({ label, hint, error, ...input }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function PasswordField(props: Omit<FieldProps, 'type'>) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <Field {...props} type={visible ? 'text' : 'password'} />
      <button
        type="button"
        className="button button--link password-field__toggle"
        onClick={() => setVisible(!visible)}
      >
        {visible ? t('form.hidePassword') : t('form.showPassword')}
      </button>
    </div>
  );
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
      {busy ? t('form.working') : children}
    </button>
  );
}

/** A text field's value from submitted form data ('' when absent). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
