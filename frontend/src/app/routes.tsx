import { lazy, type ComponentType } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { Layout } from '../components/Layout/Layout';
import { loadAllMessages } from '../i18n/i18n';
import { DevOnly } from '../pages/dev/DevOnly';
import { NotFoundPage } from '../pages/notfound/NotFoundPage';
import { StartPage } from '../pages/start/StartPage';
import { RequireRole } from '../session/RequireRole';

/** A page whose module, and the rest of the messages (i18n/parts.ts), are loaded on its first visit. */
function page<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    const [component] = await Promise.all([load(), loadAllMessages()]);
    return { default: component };
  });
}

// Every page but the start page comes with its first visit, in a chunk of its own (Layout
// says "loading" meanwhile): a citizen's first load carries the start page, not the request
// flow, the back office, the police's page or the demo's own pages.
const ConfirmRequestPage = page(() => import('../pages/confirm/ConfirmRequestPage').then((m) => m.ConfirmRequestPage));
const DocumentPage = page(() => import('../pages/document/DocumentPage').then((m) => m.DocumentPage));
const DownloadPage = page(() => import('../pages/download/DownloadPage').then((m) => m.DownloadPage));
const MyRequestDetailPage = page(() => import('../pages/myrequests/MyRequestDetailPage').then((m) => m.MyRequestDetailPage));
const MyRequestsPage = page(() => import('../pages/myrequests/MyRequestsPage').then((m) => m.MyRequestsPage));
const AwaitingConfirmationPage = page(() => import('../pages/request/AwaitingConfirmationPage').then((m) => m.AwaitingConfirmationPage));
const RequestConfirmationPage = page(() => import('../pages/request/RequestConfirmationPage').then((m) => m.RequestConfirmationPage));
const RequestFormPage = page(() => import('../pages/request/RequestFormPage').then((m) => m.RequestFormPage));
const RequestOverviewPage = page(() => import('../pages/request/RequestOverviewPage').then((m) => m.RequestOverviewPage));
const RequestStartPage = page(() => import('../pages/request/RequestStartPage').then((m) => m.RequestStartPage));
const SignInFailedPage = page(() => import('../pages/signin/SignInFailedPage').then((m) => m.SignInFailedPage));
const SignInPage = page(() => import('../pages/signin/SignInPage').then((m) => m.SignInPage));
const StaffLoginPage = page(() => import('../pages/staff/StaffLoginPage').then((m) => m.StaffLoginPage));
const VerifyPage = page(() => import('../pages/verify/VerifyPage').then((m) => m.VerifyPage));
const AuditTrailPage = page(() => import('../pages/backoffice/audit/AuditTrailPage').then((m) => m.AuditTrailPage));
const BackOfficeLayout = page(() => import('../pages/backoffice/BackOfficeLayout').then((m) => m.BackOfficeLayout));
const ClientsPage = page(() => import('../pages/backoffice/clients/ClientsPage').then((m) => m.ClientsPage));
const FailedDeliveriesPage = page(() => import('../pages/backoffice/jobs/FailedDeliveriesPage').then((m) => m.FailedDeliveriesPage));
const RequestDetailPage = page(() => import('../pages/backoffice/request/RequestDetailPage').then((m) => m.RequestDetailPage));
const SearchPage = page(() => import('../pages/backoffice/search/SearchPage').then((m) => m.SearchPage));
const TaskListPage = page(() => import('../pages/backoffice/TaskListPage').then((m) => m.TaskListPage));
const DabsPage = page(() => import('../pages/dev/DabsPage').then((m) => m.DabsPage));
const EboxPage = page(() => import('../pages/dev/EboxPage').then((m) => m.EboxPage));
const FederalIdpPage = page(() => import('../pages/dev/idp/FederalIdpPage').then((m) => m.FederalIdpPage));
const MunicipalIdpPage = page(() => import('../pages/dev/idp/MunicipalIdpPage').then((m) => m.MunicipalIdpPage));
const OutboxPage = page(() => import('../pages/dev/OutboxPage').then((m) => m.OutboxPage));
const PolicePage = page(() => import('../pages/police/PolicePage').then((m) => m.PolicePage));

/** Every client-side route; the backend answers index.html for each of them. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <StartPage /> },
      { path: 'documenten/:code', element: <DocumentPage /> },
      { path: 'aanvragen/:code', element: <RequestStartPage /> },
      { path: 'aanvragen/:code/gegevens', element: <RequestFormPage /> },
      { path: 'aanvragen/:code/overzicht', element: <RequestOverviewPage /> },
      { path: 'aanvragen/:code/bevestiging', element: <AwaitingConfirmationPage /> },
      { path: 'aanvragen/:code/bevestiging/:reference', element: <RequestConfirmationPage /> },
      { path: 'bevestigen/:token', element: <ConfirmRequestPage /> },
      {
        path: 'mijn-aanvragen',
        element: (
          <RequireRole role="citizen">
            <MyRequestsPage />
          </RequireRole>
        ),
      },
      {
        path: 'mijn-aanvragen/:reference',
        element: (
          <RequireRole role="citizen">
            <MyRequestDetailPage />
          </RequireRole>
        ),
      },
      { path: 'download/:token', element: <DownloadPage /> },
      { path: 'verifieer', element: <VerifyPage /> },
      { path: 'verifieer/:code', element: <VerifyPage /> },
      {
        path: 'ontwikkeling/e-mails',
        element: (
          <DevOnly>
            <OutboxPage />
          </DevOnly>
        ),
      },
      {
        path: 'ontwikkeling/ebox',
        element: (
          <DevOnly>
            <RequireRole role="citizen">
              <EboxPage />
            </RequireRole>
          </DevOnly>
        ),
      },
      {
        path: 'ontwikkeling/dabs',
        element: (
          <DevOnly>
            <DabsPage />
          </DevOnly>
        ),
      },
      {
        // The demo's federal login and municipal login: where their authorize endpoints send the browser.
        path: 'ontwikkeling/idp/federaal',
        element: (
          <DevOnly>
            <FederalIdpPage />
          </DevOnly>
        ),
      },
      {
        path: 'ontwikkeling/idp/gemeente',
        element: (
          <DevOnly>
            <MunicipalIdpPage />
          </DevOnly>
        ),
      },
      { path: 'aanmelden', element: <SignInPage /> },
      { path: 'aanmelden/mislukt', element: <SignInFailedPage /> },
      { path: 'medewerkers/aanmelden', element: <StaffLoginPage /> },
      {
        path: 'behandelportaal',
        element: (
          <RequireRole role="staff">
            <BackOfficeLayout />
          </RequireRole>
        ),
        children: [
          // Keyed, so each view starts on its own first page.
          { index: true, element: <TaskListPage key="all" view="all" /> },
          { path: 'mijn-taken', element: <TaskListPage key="mine" view="mine" /> },
          { path: 'geparkeerde-taken', element: <TaskListPage key="parked" view="parked" /> },
          { path: 'zoeken', element: <SearchPage /> },
          { path: 'mislukte-leveringen', element: <FailedDeliveriesPage /> },
          { path: 'aanvragen/:reference', element: <RequestDetailPage /> },
          {
            path: 'audittrail',
            element: (
              <RequireRole role="admin">
                <AuditTrailPage />
              </RequireRole>
            ),
          },
          {
            path: 'koppelingen',
            element: (
              <RequireRole role="admin">
                <ClientsPage />
              </RequireRole>
            ),
          },
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

/** The page for the current address, inside whichever router the app is given. */
export function AppRoutes() {
  return useRoutes(routes);
}
