import { registerConsoleMessages } from '../i18n';
import { consoleEn } from '../i18n/console-en';
import { consoleZhCN } from '../i18n/console-zh-CN';

// Evaluated once with the console's code, before any console page renders.
registerConsoleMessages({ en: consoleEn, 'zh-CN': consoleZhCN });
