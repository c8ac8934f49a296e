import type { RouteObject } from 'react-router';
import { Layout } from '../components/Layout/Layout';
import { AuditTrailPage } from '../pages/backoffice/audit/AuditTrailPage';
import { BackOfficeLayout } from '../pages/backoffice/BackOfficeLayout';
import { ClientsPage } from '../pages/backoffice/clients/ClientsPage';
import { FailedDeliveriesPage } from '../pages/backoffice/jobs/FailedDeliveriesPage';
import { RequestDetailPage } from '../pages/backoffice/request/RequestDetailPage';
import { SearchPage } from '../pages/backoffice/search/SearchPage';
import { TaskListPage } from '../pages/backoffice/TaskListPage';
import { ConfirmRequestPage } from '../pages/confirm/ConfirmRequestPage';
import { DabsPage } from '../pages/dev/DabsPage';
import { DevOnly } from '../pages/dev/DevOnly';
import { EboxPage } from '../pages/dev/EboxPage';
import { FederalIdpPage } from '../pages/dev/idp/FederalIdpPage';
import { MunicipalIdpPage } from '../pages/dev/idp/MunicipalIdpPage';
import { OutboxPage } from '../pages/dev/OutboxPage';
import { DocumentPage } from '../pages/document/DocumentPage';
import { DownloadPage } from '../pages/download/DownloadPage';
import { MyRequestDetailPage } from '../pages/myrequests/MyRequestDetailPage';
import { MyRequestsPage } from '../pages/myrequests/MyRequestsPage';
import { NotFoundPage } from '../pages/notfound/NotFoundPage';
import { PolicePage } from '../pages/police/PolicePage';
import { AwaitingConfirmationPage } from '../pages/request/AwaitingConfirmationPage';
import { RequestConfirmationPage } from '../pages/request/RequestConfirmationPage';
import { RequestFormPage } from '../pages/request/RequestFormPage';
import { RequestOverviewPage } from '../pages/request/RequestOverviewPage';
import { RequestStartPage } from '../pages/request/RequestStartPage';
import { SignInFailedPage } from '../pages/signin/SignInFailedPage';
import { SignInPage } from '../pages/signin/SignInPage';
import { StaffLoginPage } from '../pages/staff/StaffLoginPage';
import { StartPage } from '../pages/start/StartPage';
import { VerifyPage } from '../pages/verify/VerifyPage';
import { RequireRole } from '../session/RequireRole';

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
