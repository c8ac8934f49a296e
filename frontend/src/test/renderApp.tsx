import { render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { MemoryRouter, useLocation, useNavigate, type Location, type NavigateFunction } from 'react-router';
import { App } from '../app/App';
import { AppRoutes } from '../app/routes';

/** Where the app is, and a way to move it, as a test sees them. */
export interface TestRouter {
  state: { location: Location };
  navigate: NavigateFunction;
}

/** The whole app at `path`, with a memory router instead of the browser's. */
export function renderApp(path: string) {
  const router = { state: {} } as TestRouter;
  const result = render(
    <App>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <Probe router={router} />
      </MemoryRouter>
    </App>,
  );
  return { ...result, router };
}

/** Keeps `router` up to date with the memory router's location after every render. */
function Probe({ router }: { router: TestRouter }) {
  const location = useLocation();
  const navigate = useNavigate();
  useLayoutEffect(() => {
    Object.assign(router, { state: { location }, navigate });
  }, [router, location, navigate]);
  return null;
}
