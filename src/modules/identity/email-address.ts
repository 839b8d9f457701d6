import { domainToASCII } from 'node:url';

/**
 * Email addresses as people type them, including internationalised ones (`用户@例子.中国`, RFC 6531): kept as
 * typed (NFC) for display, and normalised for identity — local part lower-cased, domain in ASCII (punycode) —
 * so `Li@Example.COM` and `li@example.com` are one account.
 */

export interface EmailAddress {
  /** NFC, trimmed; what the person sees. */
  display: string;
  /** The address to deliver to: local part as typed, domain in ASCII. */
  deliverable: string;
  /** Lower-cased local part + ASCII domain: the unique key. */
  normalized: string;
}

const EMAIL_LENGTH_MAX = 254;
const LOCAL_PART_LENGTH_MAX = 64;
// Printable characters other than the specials that need quoting (RFC 5322) and whitespace; Unicode allowed.
const LOCAL_PART = /^[^\s"(),:;<>@[\\\]\p{Cc}]+$/u;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function parseEmailAddress(input: string): EmailAddress | undefined {
  const display = input.trim().normalize('NFC');
  const at = display.lastIndexOf('@');
  if (at <= 0 || at === display.length - 1) return undefined;
  const local = display.slice(0, at);
  const domain = domainToASCII(display.slice(at + 1).toLowerCase());
  if (!domain || local.length > LOCAL_PART_LENGTH_MAX || !LOCAL_PART.test(local)) return undefined;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return undefined;
  if (/^\d+$/.test(labels.at(-1)!)) return undefined;
  const deliverable = `${local}@${domain}`;
  if (deliverable.length > EMAIL_LENGTH_MAX) return undefined;
  return { display, deliverable, normalized: `${local.toLowerCase()}@${domain}` };
}
