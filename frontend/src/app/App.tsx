import { RouterProvider, type createBrowserRouter } from 'react-router';
import { I18nProvider } from '../i18n/i18n';

type Router = ReturnType<typeof createBrowserRouter>;

/** Providers around a router, so tests can hand in a memory router with the same routes. */
export function App({ router }: { router: Router }) {
  return (
    <I18nProvider>
      <RouterProvider router={router} />
    </I18nProvider>
  );
}
