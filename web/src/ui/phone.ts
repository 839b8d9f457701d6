import { useEffect, useState } from 'react';

/**
 * Numbers as any reader can dial them: international format, `+1 646 217 4512`, `+86 138 1234 5678`, the same
 * format the server's messages and product names use (src/kernel/phone.ts). The API keeps E.164; this is only
 * for the eye. libphonenumber-js and its metadata (~110 kB) load on the first page that shows a number, not
 * with every page: until then, and for anything that does not parse, a number is shown as it came.
 */

/** A line without a number (a data-only eSIM) has `null`: it reads as nothing, never as a crash. */
type Format = (e164: string | null) => string;

const asItCame: Format = (e164) => e164 ?? '';
let loaded: Format | undefined;
let loading: Promise<Format> | undefined;

function loadFormat(): Promise<Format> {
  loading ??= import('libphonenumber-js/min').then(({ parsePhoneNumberFromString }) => {
    loaded = (e164) => (e164 ? (parsePhoneNumberFromString(e164)?.formatInternational() ?? e164) : '');
    return loaded;
  });
  return loading;
}

export function usePhoneFormat(): Format {
  const [format, setFormat] = useState<Format>(() => loaded ?? asItCame);
  useEffect(() => {
    if (loaded) return;
    let current = true;
    void loadFormat().then((ready) => {
      if (current) setFormat(() => ready);
    });
    return () => {
      current = false;
    };
  }, []);
  return format;
}
