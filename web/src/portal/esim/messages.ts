import { registerEsimMessages } from '../../i18n';
import { esimEn } from '../../i18n/esim-en';
import { esimZhCN } from '../../i18n/esim-zh-CN';

// Evaluated once with the first eSIM page's code (or the orders and lines pages that show eSIMs), before it renders.
registerEsimMessages({ en: esimEn, 'zh-CN': esimZhCN });
