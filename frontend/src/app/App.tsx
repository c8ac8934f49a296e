import type { ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n';

/**
 * The providers around the router it is given: the browser's (`BrowserRouter` with `AppRoutes`)
 * or, in tests, a memory router with the same routes. The router is React Router's declarative
 * one: the app loads its data itself, and the data router's code would be a third of the
 * first load's JavaScript for nothing.
 */
export function App({ children }: { children: ReactNode }) {
  return <I18nProvider>{children}</I18nProvider>;
}
