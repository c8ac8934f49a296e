import type { RouteObject } from 'react-router';
import { Layout } from '../components/Layout/Layout';
import { BackOfficeLayout } from '../pages/backoffice/BackOfficeLayout';
import { SearchPage } from '../pages/backoffice/SearchPage';
import { TaskListPage } from '../pages/backoffice/TaskListPage';
import { DocumentPage } from '../pages/document/DocumentPage';
import { NotFoundPage } from '../pages/notfound/NotFoundPage';
import { PolicePage } from '../pages/police/PolicePage';
import { SignInCallbackPage } from '../pages/signin/SignInCallbackPage';
import { SignInPage } from '../pages/signin/SignInPage';
import { StaffLoginPage } from '../pages/staff/StaffLoginPage';
import { StartPage } from '../pages/start/StartPage';
import { RequireRole } from '../session/RequireRole';

/** Every client-side route; the backend answers index.html for each of them. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <StartPage /> },
      { path: 'documenten/:code', element: <DocumentPage /> },
      { path: 'aanmelden', element: <SignInPage /> },
      { path: 'aanmelden/terugkeer', element: <SignInCallbackPage /> },
      { path: 'medewerkers/aanmelden', element: <StaffLoginPage /> },
      {
        path: 'behandelportaal',
        element: (
          <RequireRole role="staff">
            <BackOfficeLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <TaskListPage view="all" /> },
          { path: 'mijn-taken', element: <TaskListPage view="mine" /> },
          { path: 'geparkeerde-taken', element: <TaskListPage view="parked" /> },
          { path: 'zoeken', element: <SearchPage /> },
        ],
      },
      {
        path: 'politie',
        element: (
          <RequireRole role="police">
            <PolicePage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
