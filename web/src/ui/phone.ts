import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A number as any reader can dial it: international format, `+1 646 217 4512`, `+86 138 1234 5678`, the same
 * format the server's messages and product names use (src/kernel/phone.ts). The API keeps E.164; this is only
 * for the eye. Anything that does not parse is shown as it came.
 */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
