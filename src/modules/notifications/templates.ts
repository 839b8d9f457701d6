import { translate, type Locale } from '../../kernel/i18n/index.js';

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

/** A button-like link: in HTML an anchor, in plain text the label and the URL on its own line. */
interface Link {
  href: string;
  label: string;
}
type Block = string | Link;

interface Template {
  subject: (values: Values) => string;
  /** Paragraphs and links; the same for the text and the HTML part. */
  paragraphs: (values: Values) => Block[];
}

/** Chinese sets a space between a Chinese character and a Latin word: "的 T-Mobile 话费充值", "的中国移动话费充值". */
const zhSpaced = (word = '') =>
  `${/^[A-Za-z0-9+$]/.test(word) ? ' ' : ''}${word}${/[A-Za-z0-9.$]$/.test(word) ? ' ' : ''}`;

const IGNORE_EN = 'If this was not you, you can ignore this email; nothing changes.';
const IGNORE_ZH = '如果这不是您本人的操作，请忽略这封邮件，什么都不会改变。';

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
  email_verification: {
    en: {
      subject: () => 'Confirm your email for SimFill',
      paragraphs: (v) => [
        'Hello,',
        `Please confirm that ${v.email} is your email address to finish creating your SimFill account.`,
        { href: v.link!, label: 'Confirm my email' },
        'The link works once, within 24 hours.',
        IGNORE_EN,
      ],
    },
    'zh-CN': {
      subject: () => '请验证您的 SimFill 邮箱',
      paragraphs: (v) => [
        '您好：',
        `请确认 ${v.email} 是您的邮箱，以完成 SimFill 账户注册。`,
        { href: v.link!, label: '验证邮箱' },
        '该链接只能使用一次，24 小时内有效。',
        IGNORE_ZH,
      ],
    },
  },
  account_already_registered: {
    en: {
      subject: () => 'You already have a SimFill account',
      paragraphs: (v) => [
        'Hello,',
        `Someone tried to create a SimFill account with ${v.email}, but this address already has one.`,
        'If it was you, log in instead, or reset your password if you have forgotten it:',
        { href: v.loginLink!, label: 'Log in' },
        { href: v.resetLink!, label: 'Reset my password' },
        IGNORE_EN,
      ],
    },
    'zh-CN': {
      subject: () => '您已经有 SimFill 账户了',
      paragraphs: (v) => [
        '您好：',
        `有人尝试用 ${v.email} 注册 SimFill 账户，但该邮箱已经注册过。`,
        '如果是您本人，请直接登录；忘记密码可以重置：',
        { href: v.loginLink!, label: '登录' },
        { href: v.resetLink!, label: '重置密码' },
        IGNORE_ZH,
      ],
    },
  },
  password_reset: {
    en: {
      subject: () => 'Reset your SimFill password',
      paragraphs: (v) => [
        'Hello,',
        'We received a request to reset the password of your SimFill account. Choose a new password here:',
        { href: v.link!, label: 'Choose a new password' },
        'The link works once, within 30 minutes. Your current password keeps working until you change it.',
        IGNORE_EN,
      ],
    },
    'zh-CN': {
      subject: () => '重置您的 SimFill 密码',
      paragraphs: (v) => [
        '您好：',
        '我们收到了重置您 SimFill 账户密码的请求。请点击下面的链接设置新密码：',
        { href: v.link!, label: '设置新密码' },
        '该链接只能使用一次，30 分钟内有效。在您修改之前，原密码仍然有效。',
        IGNORE_ZH,
      ],
    },
  },
  password_changed: {
    en: {
      subject: () => 'Your SimFill password was changed',
      paragraphs: (v) => [
        'Hello,',
        `The password of your SimFill account was changed on ${v.when}, and every other device was signed out.`,
        'If you did not do this, reset your password now and contact support:',
        { href: v.resetLink!, label: 'Reset my password' },
      ],
    },
    'zh-CN': {
      subject: () => '您的 SimFill 密码已修改',
      paragraphs: (v) => [
        '您好：',
        `您的 SimFill 账户密码已于 ${v.when} 修改，其他设备均已退出登录。`,
        '如果这不是您本人的操作，请立即重置密码并联系客服：',
        { href: v.resetLink!, label: '重置密码' },
      ],
    },
  },
  account_deletion_scheduled: {
    en: {
      subject: () => 'Your SimFill account will be deleted',
      paragraphs: (v) => [
        'Hello,',
        `As you asked, your SimFill account will be deleted on ${v.when}. Until then you can log in and cancel the deletion.`,
        'After that date your personal details are erased; orders and payment records are kept without them, as accounting law requires.',
        { href: v.loginLink!, label: 'Log in to cancel' },
      ],
    },
    'zh-CN': {
      subject: () => '您的 SimFill 账户将被删除',
      paragraphs: (v) => [
        '您好：',
        `按照您的申请，您的 SimFill 账户将于 ${v.when} 删除。在此之前，您可以登录并取消删除。`,
        '届时您的个人信息将被清除；订单和支付记录依照会计法规保留，但不再包含您的个人信息。',
        { href: v.loginLink!, label: '登录以取消删除' },
      ],
    },
  },
  staff_invitation: {
    en: {
      subject: () => 'Your SimFill console account',
      paragraphs: (v) => [
        'Hello,',
        `A SimFill console account with the role ${v.role} was created for ${v.email}. Set your password here:`,
        { href: v.link!, label: 'Set my password' },
        'The link works once, within 24 hours.',
      ],
    },
    'zh-CN': {
      subject: () => '您的 SimFill 控制台账户',
      paragraphs: (v) => [
        '您好：',
        `已为 ${v.email} 创建 SimFill 控制台账户，角色为 ${v.role}。请在这里设置密码：`,
        { href: v.link!, label: '设置密码' },
        '该链接只能使用一次，24 小时内有效。',
      ],
    },
  },
  order_receipt: {
    en: {
      subject: (v) => `Payment received — ${v.credited} added to your SimFill wallet`,
      paragraphs: (v) => [
        'Hello,',
        `Thank you. We received your payment of ${v.charged} on ${v.when}, and ${v.credited} is now in your SimFill wallet.`,
        `${translate('en', 'receipt.number')}: ${v.receiptNumber}`,
        { href: v.receiptLink!, label: 'View or download the receipt' },
        'Keep this email: the receipt shows the amount, the fee, the exchange rate and how you paid.',
      ],
    },
    'zh-CN': {
      subject: (v) => `付款成功 — ${v.credited} 已存入您的 SimFill 钱包`,
      paragraphs: (v) => [
        '您好：',
        `谢谢！我们已于 ${v.when} 收到您的付款 ${v.charged}，${v.credited} 已存入您的 SimFill 钱包。`,
        `${translate('zh-CN', 'receipt.number')}：${v.receiptNumber}`,
        { href: v.receiptLink!, label: '查看或下载凭证' },
        '请保留这封邮件：凭证上有金额、手续费、汇率和支付方式。',
      ],
    },
  },
  topup_delivered: {
    en: {
      subject: (v) => `Done — ${v.product} for ${v.recipient}`,
      paragraphs: (v) => [
        'Hello,',
        `${v.product} for ${v.recipient} was delivered on ${v.when}. We received your payment of ${v.charged}.`,
        "We can't show the line's new balance: the carrier doesn't report it to us. Check it in your carrier's app or online account.",
        ...(v.expiry ? [`The plan now runs until ${v.expiry}.`] : []),
        ...(v.pin ? [`Your refill PIN: ${v.pin}${v.pinSerial ? ` (serial ${v.pinSerial})` : ''}`] : []),
        ...(v.pinSteps ? ['How to redeem it:', ...v.pinSteps.split('\n')] : []),
        ...(v.pinCarrierNote ? [`The carrier's note: ${v.pinCarrierNote}`] : []),
        `Receipt number: ${v.receiptNumber}`,
        { href: v.receiptLink!, label: 'View or download the receipt' },
      ],
    },
    'zh-CN': {
      subject: (v) => `充值成功 — ${v.recipient} ${v.product}`,
      paragraphs: (v) => [
        '您好：',
        `${v.recipient} 的${zhSpaced(v.product)}已于 ${v.when} 到账，我们已收到您的付款 ${v.charged}。`,
        '我们无法显示该号码的最新余额：运营商不向我们提供余额。请在运营商的 App 或网上账户中查看。',
        ...(v.expiry ? [`套餐有效期至 ${v.expiry}。`] : []),
        ...(v.pin ? [`您的充值卡密：${v.pin}${v.pinSerial ? `（序列号 ${v.pinSerial}）` : ''}`] : []),
        ...(v.pinSteps ? ['使用方法：', ...v.pinSteps.split('\n')] : []),
        ...(v.pinCarrierNote ? [`运营商原文说明（英文）：${v.pinCarrierNote}`] : []),
        `凭证编号：${v.receiptNumber}`,
        { href: v.receiptLink!, label: '查看或下载凭证' },
      ],
    },
  },
  esim_issued: {
    en: {
      subject: (v) => `Your eSIM is ready — ${v.product}`,
      paragraphs: (v) => [
        'Hello,',
        `Your ${v.product} was issued on ${v.when}. We received your payment of ${v.charged}.`,
        'Install it before you travel, on Wi-Fi; it starts counting days when it first connects abroad.',
        { href: v.installLink!, label: 'Open the install page (QR code and steps)' },
        ...(v.appleInstallUrl
          ? [{ href: v.appleInstallUrl, label: 'On an iPhone (iOS 17.4 or later): install in one tap' }]
          : []),
        'Or enter it by hand (Settings > Mobile/Cellular > Add eSIM > Enter details manually):',
        `SM-DP+ address: ${v.smdpAddress}`,
        `Activation code: ${v.matchingId}`,
        ...(v.confirmationCodeRequired === 'true'
          ? ['A confirmation code is needed too: it is on the install page, never in this email.']
          : []),
        `Android and others: the whole code is ${v.activationCode}`,
        `ICCID: ${v.iccid}`,
        `Receipt number: ${v.receiptNumber}`,
        { href: v.receiptLink!, label: 'View or download the receipt' },
      ],
    },
    'zh-CN': {
      subject: (v) => `您的 eSIM 已开通 — ${v.product}`,
      paragraphs: (v) => [
        '您好：',
        `您购买的${zhSpaced(v.product)}已于 ${v.when} 开通，我们已收到您的付款 ${v.charged}。`,
        '请在出发前连接 Wi-Fi 安装；首次在目的地联网时才开始计算天数。',
        { href: v.installLink!, label: '打开安装页面（二维码和步骤）' },
        ...(v.appleInstallUrl
          ? [{ href: v.appleInstallUrl, label: 'iPhone（iOS 17.4 及以上）一键安装' }]
          : []),
        '也可以手动输入（设置 > 蜂窝网络 > 添加 eSIM > 手动输入详细信息）：',
        `SM-DP+ 地址：${v.smdpAddress}`,
        `激活码：${v.matchingId}`,
        ...(v.confirmationCodeRequired === 'true'
          ? ['安装时还需要确认码：请在安装页面查看，它不会出现在邮件中。']
          : []),
        `安卓等其他手机：完整激活码为 ${v.activationCode}`,
        `ICCID：${v.iccid}`,
        `${translate('zh-CN', 'receipt.number')}：${v.receiptNumber}`,
        { href: v.receiptLink!, label: '查看或下载凭证' },
      ],
    },
  },
  esim_topped_up: {
    en: {
      subject: (v) => `Done — ${v.product} added to your eSIM`,
      paragraphs: (v) => [
        'Hello,',
        `${v.product} was added to your eSIM (ICCID ${v.iccid}) on ${v.when}. We received your payment of ${v.charged}.`,
        'Nothing to install: the data is on the same eSIM.',
        { href: v.esimLink!, label: 'See the data left' },
        `Receipt number: ${v.receiptNumber}`,
        { href: v.receiptLink!, label: 'View or download the receipt' },
      ],
    },
    'zh-CN': {
      subject: (v) => `加油包已到账 — ${v.product}`,
      paragraphs: (v) => [
        '您好：',
        `${v.product}已于 ${v.when} 加到您的 eSIM（ICCID ${v.iccid}），我们已收到您的付款 ${v.charged}。`,
        '无需重新安装：流量就在原来的 eSIM 上。',
        { href: v.esimLink!, label: '查看剩余流量' },
        `凭证编号：${v.receiptNumber}`,
        { href: v.receiptLink!, label: '查看或下载凭证' },
      ],
    },
  },
  payment_link: {
    en: {
      subject: (v) => `Your top-up for ${v.recipient} is ready to pay`,
      paragraphs: (v) => [
        'Hello,',
        `As agreed with ${v.operator} support, we prepared ${v.product} for ${v.recipient}: ${v.total}.`,
        `Pay before ${v.expires} with ${v.method}; after that the price lock ends and we can prepare a new one.`,
        { href: v.payLink!, label: 'Review and pay' },
        'If you did not ask for this, ignore this email: nothing is charged unless you pay.',
      ],
    },
    'zh-CN': {
      subject: (v) => `${v.recipient} 的充值订单已备好，请付款`,
      paragraphs: (v) => [
        '您好：',
        `按照您与 ${v.operator} 客服的沟通，我们已为 ${v.recipient} 准备好${zhSpaced(v.product).trimEnd()}：${v.total}。`,
        `请在 ${v.expires} 前使用${v.method}付款；超时后价格锁定失效，可以再为您重新下单。`,
        { href: v.payLink!, label: '查看并付款' },
        '如果这不是您的要求，请忽略这封邮件：您不付款就不会扣款。',
      ],
    },
  },
  float_low: {
    en: {
      subject: (v) => `Low balance at ${v.provider}: ${v.balance}`,
      paragraphs: (v) => [
        `SimFill's prepaid balance at ${v.provider} is ${v.balance}, below the alert level of ${v.threshold}.`,
        'Top-ups start failing when it runs out (paid orders are then retried and, at last, refunded). Add funds at the provider.',
        { href: v.consoleLink!, label: 'Open the provider page in the console' },
      ],
    },
    'zh-CN': {
      subject: (v) => `${v.provider} 账户余额不足：${v.balance}`,
      paragraphs: (v) => [
        `SimFill 在 ${v.provider} 的预付余额为 ${v.balance}，已低于提醒线 ${v.threshold}。`,
        '余额用完后充值会失败（已付款的订单会重试，最终退款）。请尽快在供应商处充值。',
        { href: v.consoleLink!, label: '在控制台打开供应商页面' },
      ],
    },
  },
  operator_unavailable: {
    en: {
      subject: (v) => `${v.operator} taken off sale: ${v.provider} reports it unavailable`,
      paragraphs: (v) => [
        `${v.provider} refused every attempt to top up ${v.recipient} with ${v.providerCode}, so the order was refunded and the customer told.`,
        `SimFill took ${v.products} product(s) of ${v.operator} off sale, so no one else pays for a top-up that cannot be delivered.`,
        'Put them back on sale in the console once the provider accepts top-ups for this operator again.',
        { href: v.consoleLink!, label: 'Open the provider page in the console' },
      ],
    },
    'zh-CN': {
      subject: (v) => `${v.operator} 已暂停销售：${v.provider} 报告该运营商不可用`,
      paragraphs: (v) => [
        `${v.provider} 对 ${v.recipient} 的每次充值都以 ${v.providerCode} 拒绝，订单已退款并已通知客户。`,
        `SimFill 已暂停 ${v.operator} 的 ${v.products} 个商品，避免其他客户为无法到账的充值付款。`,
        '供应商恢复该运营商的充值后，请在控制台将其重新上架。',
        { href: v.consoleLink!, label: '在控制台打开供应商页面' },
      ],
    },
  },
  refund_issued: {
    en: {
      subject: (v) => `Refund of ${v.amount} for order ${v.receiptNumber}`,
      paragraphs: (v) => [
        'Hello,',
        `We have refunded ${v.amount} to ${v.destination}. ${v.reason}`,
        'Card refunds usually appear within 5–10 business days; Alipay, WeChat Pay and PayPal refunds are usually faster.',
        { href: v.orderLink!, label: 'View the order' },
      ],
    },
    'zh-CN': {
      subject: (v) => `订单 ${v.receiptNumber} 已退款 ${v.amount}`,
      paragraphs: (v) => [
        '您好：',
        `我们已将 ${v.amount} 退回至${v.destination}。${v.reason}`,
        '银行卡退款通常在 5–10 个工作日内到账；支付宝、微信支付和 PayPal 通常更快。',
        { href: v.orderLink!, label: '查看订单' },
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

function blockText(block: Block): string {
  return typeof block === 'string' ? block : `${block.label}:\n${block.href}`;
}

/** Values in `block` are already escaped. */
function blockHtml(block: Block): string {
  if (typeof block === 'string') return block;
  return `<a href="${block.href}" style="display:inline-block;padding:10px 18px;background:#0b6e4f;color:#fff;border-radius:6px;text-decoration:none">${block.label}</a>`;
}

export function renderEmail(name: TemplateName, locale: Locale, values: Values): RenderedEmail {
  const template: Template = TEMPLATES[name][locale];
  const escaped = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escapeHtml(value)]));
  const subject = template.subject(values);
  const text = `${template.paragraphs(values).map(blockText).join('\n\n')}\n\n— SimFill\n`;
  const body = template
    .paragraphs(escaped)
    .map((block) => `<p style="margin:0 0 16px">${blockHtml(block)}</p>`)
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
