/**
 * A customer on a provider's hosted page, driven with plain HTTP: fill the form (or press one of its buttons)
 * and follow the redirect. Browser tests do the same with Chromium.
 */

export interface HostedResult {
  status: number;
  /** Where the provider sent the customer back (the return URL with its query), if it did. */
  location: string | undefined;
  body: string;
}

function formsIn(html: string): { action: string; fields: Record<string, string>; buttonText: string }[] {
  const forms: { action: string; fields: Record<string, string>; buttonText: string }[] = [];
  for (const match of html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)) {
    const fields: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields[input[1]!] = input[2]!.replace(/&#(\d+);/g, (_, code: string) =>
        String.fromCharCode(Number(code)),
      );
    }
    const buttonText = /<button[^>]*>([^<]*)<\/button>/.exec(match[2]!)?.[1] ?? '';
    forms.push({
      action: match[1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
      fields,
      buttonText,
    });
  }
  return forms;
}

async function submit(
  pageUrl: string,
  form: { action: string; fields: Record<string, string> },
  extra: Record<string, string>,
) {
  const response = await fetch(new URL(form.action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, ...extra }).toString(),
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    body: await response.text(),
  };
}

/** Opens `url`, types the card (or presses Apple Pay), then passes 3-D Secure with `threeDs` if asked. */
export async function payByCard(
  url: string,
  card: { number: string; applePay?: boolean; threeDs?: 'complete' | 'fail' },
): Promise<HostedResult> {
  const html = await (await fetch(url)).text();
  const forms = formsIn(html);
  const form = card.applePay
    ? forms.find((candidate) => candidate.fields.wallet === 'apple_pay')
    : forms.find((candidate) => !candidate.fields.wallet);
  if (!form) throw new Error(`no card form on ${url}`);
  const result = await submit(
    url,
    form,
    card.applePay ? {} : { number: card.number, expiry: '12/34', cvc: '123', name: 'Li Wei' },
  );
  if (result.location?.includes('/3ds/')) {
    const threeDsUrl = new URL(result.location, url).toString();
    return decide(threeDsUrl, card.threeDs === 'complete' ? 'approve' : 'decline');
  }
  return result;
}

/** Presses approve or decline on an Alipay, WeChat Pay or 3-D Secure page. */
export async function decide(url: string, decision: 'approve' | 'decline'): Promise<HostedResult> {
  const html = await (await fetch(url)).text();
  const form = formsIn(html).find((candidate) => candidate.fields.decision === decision);
  if (!form) throw new Error(`no ${decision} button on ${url}`);
  return submit(url, form, {});
}
