import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n/I18nProvider';
import { App } from './portal/App';
import { RouterProvider } from './ui/router';
import './portal/portal.css';
import './ui/account.css';

const container = document.getElementById('root');
if (!container) throw new Error('SimFill portal: #root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <RouterProvider>
        <App />
      </RouterProvider>
    </I18nProvider>
  </StrictMode>,
);
