import type { Locale } from '../../kernel/i18n/index.js';

/**
 * Every email in both languages, as plain text and HTML. Values are escaped for HTML; the plain-text part
 * carries them as they are. The recipient's language picks the version.
 */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Values = Record<string, string>;

interface Template {
  subject: (values: Values) => string;
  /** Paragraphs; the same for the text and the HTML part. */
  paragraphs: (values: Values) => string[];
}

const TEMPLATES = {
  smtp_test: {
    en: {
      subject: () => 'SimFill email test',
      paragraphs: (v) => [
        'Hello,',
        `This message confirms that SimFill at ${v.baseUrl} can send email.`,
        'No action is needed.',
      ],
    },
    'zh-CN': {
      subject: () => 'SimFill 邮件测试',
      paragraphs: (v) => [
        '您好：',
        `这封邮件说明 ${v.baseUrl} 上的 SimFill 可以正常发送邮件。`,
        '无需任何操作。',
      ],
    },
  },
} satisfies Record<string, Record<Locale, Template>>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function renderEmail(name: TemplateName, locale: Locale, values: Values): RenderedEmail {
  const template: Template = TEMPLATES[name][locale];
  const escaped = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escapeHtml(value)]));
  const subject = template.subject(values);
  const text = `${template.paragraphs(values).join('\n\n')}\n\n— SimFill\n`;
  const body = template
    .paragraphs(escaped)
    .map((paragraph) => `<p style="margin:0 0 16px">${paragraph}</p>`)
    .join('\n');
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#0b2545;line-height:1.6">
${body}
<p style="margin:24px 0 0;color:#5b6b7f">— SimFill</p>
</body></html>
`;
  return { subject, text, html };
}
