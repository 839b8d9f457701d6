import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { translate, type Locale } from '../kernel/i18n/index.js';
import { formatMoney, money } from '../kernel/money.js';
import { formatMoment } from '../modules/identity/service.js';
import type { ReceiptView } from './receipts.js';
import { formatPhoneNumber } from '../kernel/phone.js';

/**
 * The receipt as a PDF file, drawn from the same view as the JSON receipt, in the customer's language and time
 * zone. Letter size: the operator is in the US.
 */

type PdfDocument = PDFKit.PDFDocument;
type Amount = ReceiptView['total'];

/**
 * Noto Sans SC (SIL Open Font License) has the Chinese, Latin and currency glyphs in one TrueType file, which
 * pdfkit subsets: only the glyphs used are embedded (about 10 KB), with a ToUnicode map so text can be copied.
 */
const FONT_MODULE_PATH = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
const FONT_NAME = 'NotoSansSC';

const PAGE_MARGIN_PT = 54;
const PAGE_WIDTH_PT = 612; // Letter: 8.5 × 11 in
const CONTENT_WIDTH_PT = PAGE_WIDTH_PT - 2 * PAGE_MARGIN_PT;
const LABEL_WIDTH_PT = 150;
const TITLE_WIDTH_PT = 160;
const AMOUNT_WIDTH_PT = 140;
const ROW_GAP_PT = 4;
const SECTION_GAP_PT = 18;
const BODY_SIZE_PT = 10.5;
const SMALL_SIZE_PT = 9;
const TITLE_SIZE_PT = 22;
const OPERATOR_SIZE_PT = 14;
const TOTAL_SIZE_PT = 12;
const INK = '#0b2545';
const MUTED = '#5b6b7f';
const RULE = '#c9d3df';

let fontBytes: Promise<Buffer> | undefined;

/** Read on the first receipt, then kept: 10 MB that start-up should not pay for. A failed read is retried. */
function receiptFont(): Promise<Buffer> {
  fontBytes ??= readFile(createRequire(import.meta.url).resolve(FONT_MODULE_PATH)).catch((error: unknown) => {
    fontBytes = undefined;
    throw error;
  });
  return fontBytes;
}

/** What every section needs: the document and the customer's words, amounts and times. */
interface Drawing {
  doc: PdfDocument;
  say: (key: string, values?: Record<string, string>) => string;
  amount: (value: Amount) => string;
  moment: (iso: string) => string;
}

export async function renderReceiptPdf(receipt: ReceiptView, locale: Locale): Promise<Buffer> {
  // pdfkit and fontkit take ~180 ms to import: load them with the first receipt, not at start-up.
  const [{ default: PDFDocument }, font] = await Promise.all([import('pdfkit'), receiptFont()]);
  const say = (key: string, values: Record<string, string> = {}) =>
    translate(locale, `receipt.${key}`, values);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: PAGE_MARGIN_PT,
    lang: locale,
    displayTitle: true,
    info: { Title: receipt.receipt_number, Author: receipt.operator.name, Subject: say('title') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(FONT_NAME, font);
  doc.font(FONT_NAME).fillColor(INK);
  const drawing: Drawing = {
    doc,
    say,
    amount: (value) => formatMoney(money(value.amount_minor, value.currency), locale),
    moment: (iso) => formatMoment(new Date(iso), locale, receipt.time_zone),
  };
  drawHeader(drawing, receipt);
  drawFacts(drawing, receipt);
  drawAmounts(drawing, receipt);
  drawPayment(drawing, receipt);
  drawRefunds(drawing, receipt);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function drawHeader({ doc, say }: Drawing, receipt: ReceiptView): void {
  const top = doc.y;
  doc
    .fontSize(TITLE_SIZE_PT)
    .text(say('title'), PAGE_MARGIN_PT, top, { width: CONTENT_WIDTH_PT, align: 'right' });
  // The operator's details wrap before the title's column, however long the name or address.
  const operatorWidth = { width: CONTENT_WIDTH_PT - TITLE_WIDTH_PT };
  doc.fontSize(OPERATOR_SIZE_PT).text(receipt.operator.name, PAGE_MARGIN_PT, top, operatorWidth);
  doc.fontSize(SMALL_SIZE_PT).fillColor(MUTED);
  if (receipt.operator.address) doc.text(receipt.operator.address, operatorWidth);
  doc.text(receipt.operator.email, operatorWidth).fillColor(INK);
  drawRule(doc);
}

function drawFacts(drawing: Drawing, receipt: ReceiptView): void {
  const { doc, say, moment } = drawing;
  doc.fontSize(BODY_SIZE_PT);
  drawRow(drawing, say('number'), receipt.receipt_number, 'left');
  drawRow(drawing, say('order'), receipt.order, 'left');
  drawRow(
    drawing,
    say('status'),
    say(`order_statuses.${receipt.status}`, { defaultValue: receipt.status }),
    'left',
  );
  drawRow(drawing, say('paid_at'), moment(receipt.issued_at), 'left');
  const customer = [receipt.customer.name, receipt.customer.email].filter(Boolean).join('\n');
  drawRow(drawing, say('billed_to'), customer, 'left');
  doc.moveDown(SECTION_GAP_PT / BODY_SIZE_PT);
}

function drawAmounts(drawing: Drawing, receipt: ReceiptView): void {
  const { doc, say, amount } = drawing;
  doc.fillColor(MUTED);
  drawRow(drawing, say('item'), say('amount'), 'right');
  doc.fillColor(INK);
  drawRule(doc);
  for (const item of receipt.items) {
    const label = item.name ?? say(`items.${item.type}`, { defaultValue: item.type });
    drawRow(drawing, label, amount(item.amount), 'right');
  }
  drawLineTopUp(drawing, receipt);
  drawRow(drawing, say('subtotal'), amount(receipt.subtotal), 'right');
  const discount = amount(receipt.discount);
  drawRow(drawing, say('discount'), receipt.discount.amount_minor > 0 ? `−${discount}` : discount, 'right');
  drawRow(drawing, say('fee'), amount(receipt.fee), 'right');
  if (receipt.fee_waived) {
    doc.fontSize(SMALL_SIZE_PT).fillColor(MUTED);
    drawRow(drawing, '', say('fee_waived', { amount: amount(receipt.fee_waived) }), 'left');
    doc.fontSize(BODY_SIZE_PT).fillColor(INK);
  }
  drawRow(drawing, say('tax'), amount(receipt.tax), 'right');
  drawRule(doc);
  doc.fontSize(TOTAL_SIZE_PT);
  drawRow(drawing, say('total'), amount(receipt.total), 'right');
  drawRow(drawing, say('charged'), amount(receipt.charged), 'right');
  doc.fontSize(BODY_SIZE_PT).moveDown(SECTION_GAP_PT / BODY_SIZE_PT);
}

/** A line top-up: the number, when it arrived, where to see the line's balance, and a refill card's code. */
function drawLineTopUp(drawing: Drawing, receipt: ReceiptView): void {
  const { doc, say, moment } = drawing;
  const topUp = receipt.line_topup;
  if (!topUp) return;
  doc.fontSize(SMALL_SIZE_PT).fillColor(MUTED);
  drawRow(drawing, say('recipient'), formatPhoneNumber(topUp.recipient), 'left');
  if (topUp.face) drawRow(drawing, say('face'), drawing.amount(topUp.face), 'left');
  if (topUp.face_fx) drawRow(drawing, '', say('face_rate', { ...topUp.face_fx }), 'left');
  if (topUp.delivered_at) drawRow(drawing, say('delivered_at'), moment(topUp.delivered_at), 'left');
  // The carrier does not report the line's balance to SimFill: say where to find it, never show a number.
  if (topUp.delivered_at) drawRow(drawing, say('line_balance'), say('line_balance_unreported'), 'left');
  if (topUp.plan_expires_at) drawRow(drawing, say('plan_expires_at'), moment(topUp.plan_expires_at), 'left');
  doc.fillColor(INK);
  if (topUp.pin) {
    const serial = topUp.pin.serial ? ` (${say('pin_serial', { serial: topUp.pin.serial })})` : '';
    drawRow(drawing, say('pin'), `${topUp.pin.code}${serial}`, 'left');
    for (const line of topUp.pin.instructions) drawRow(drawing, '', line, 'left');
  }
  doc.fontSize(BODY_SIZE_PT);
}

function drawPayment(drawing: Drawing, receipt: ReceiptView): void {
  const { doc, say, moment } = drawing;
  drawRow(drawing, say('paid_with'), methodText(receipt.payment, say), 'left');
  if (!receipt.fx) return;
  const source = say(`fx_sources.${receipt.fx.source}`, {
    operator: receipt.operator.name,
    defaultValue: receipt.fx.source,
  });
  doc.moveDown(ROW_GAP_PT / BODY_SIZE_PT);
  doc.text(
    say(receipt.fx.locked ? 'fx_locked' : 'fx_estimate', {
      rate: receipt.fx.rate,
      source,
      time: moment(receipt.fx.as_of),
    }),
    PAGE_MARGIN_PT,
    doc.y,
    { width: CONTENT_WIDTH_PT },
  );
}

function drawRefunds(drawing: Drawing, receipt: ReceiptView): void {
  const { doc, say, amount, moment } = drawing;
  if (receipt.refunds.length === 0) return;
  doc.moveDown(SECTION_GAP_PT / BODY_SIZE_PT);
  doc.text(say('refunds'), PAGE_MARGIN_PT, doc.y);
  drawRule(doc);
  for (const refund of receipt.refunds) {
    const label = say('refund', { date: moment(refund.created_at) });
    drawRow(drawing, label, `${amount(refund.amount)} (${say(`refund_statuses.${refund.status}`)})`, 'right');
  }
}

/** A label on the left; its value after the label column (`left`) or against the right edge (`right`). */
function drawRow({ doc }: Drawing, label: string, value: string, align: 'left' | 'right'): void {
  const top = doc.y;
  const valueX =
    align === 'left' ? PAGE_MARGIN_PT + LABEL_WIDTH_PT : PAGE_MARGIN_PT + CONTENT_WIDTH_PT - AMOUNT_WIDTH_PT;
  const labelWidth = valueX - PAGE_MARGIN_PT - ROW_GAP_PT;
  doc.text(label, PAGE_MARGIN_PT, top, { width: labelWidth });
  const labelBottom = doc.y;
  doc.text(value, valueX, top, { width: PAGE_MARGIN_PT + CONTENT_WIDTH_PT - valueX, align });
  doc.x = PAGE_MARGIN_PT;
  doc.y = Math.max(labelBottom, doc.y) + ROW_GAP_PT;
}

function drawRule(doc: PdfDocument): void {
  const y = doc.y + ROW_GAP_PT;
  doc
    .moveTo(PAGE_MARGIN_PT, y)
    .lineTo(PAGE_MARGIN_PT + CONTENT_WIDTH_PT, y)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke();
  doc.x = PAGE_MARGIN_PT;
  doc.y = y + 2 * ROW_GAP_PT;
}

/** Methods named by their brand, the same in every language. */
const BRAND_NAMES: Partial<Record<string, string>> = { apple_pay: 'Apple Pay', paypal: 'PayPal' };

/** How the customer paid, as the HTML receipt shows it: card brand and last four, the wallet, or the method. */
function methodText(payment: ReceiptView['payment'], say: Drawing['say']): string {
  const method = payment.payment_method;
  const methodName = say(`methods.${payment.method}`, {
    defaultValue: BRAND_NAMES[payment.method] ?? payment.method,
  });
  if (!method) return methodName;
  if (method.kind === 'paypal') return method.payer_email ? `PayPal (${method.payer_email})` : 'PayPal';
  if (method.brand && method.last4) {
    const card = `${method.brand.toUpperCase()} •••• ${method.last4}`;
    return method.wallet === 'apple_pay' ? `Apple Pay (${card})` : card;
  }
  return methodName;
}
