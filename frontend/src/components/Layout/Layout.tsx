import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { HealthContext, useMocks } from '../../hooks/useHealth';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { useSession, useSessionState } from '../../session/store';
import { useSessionCheck } from '../../session/useSessionCheck';
import { Header } from '../Header/Header';
import { Loading } from '../Status/Loading';
import './Layout.css';

export const MAIN_ID = 'inhoud';

export function Layout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const health = useResource((signal) => unwrap(api.GET('/api/health', { signal })), []);
  useSessionCheck();
  const { status } = useSessionState();

  // After client-side navigation, start reading at the new page, as a full page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo?.(0, 0);
  }, [pathname]);

  return (
    <HealthContext.Provider value={health}>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('layout.skipToContent')}
      </a>
      <Header />
      <main id={MAIN_ID} ref={main} tabIndex={-1} className="container site-main">
        {/* Who is signed in decides what most pages show: wait for the API's answer. A page
            loaded on its first visit (the back office, the police) says it is on its way. */}
        {status === 'loading' ? (
          <Loading />
        ) : (
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        )}
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p>{t('footer.text')}</p>
          <p>
            <Link to="/verifieer">{t('footer.verify')}</Link>
          </p>
          <DevelopmentLinks />
        </div>
      </footer>
    </HealthContext.Provider>
  );
}

/** Links to the pages that only exist while the outside systems are mocked. */
function DevelopmentLinks() {
  const { t } = useI18n();
  const mocks = useMocks();
  const session = useSession();
  if (!mocks) return null;
  return (
    <nav aria-labelledby="footer-test-heading" className="site-footer__dev">
      <h2 id="footer-test-heading" className="site-footer__heading">
        {t('footer.testEnvironment')}
      </h2>
      <ul>
        <li>
          <Link to="/ontwikkeling/e-mails">{t('footer.outbox')}</Link>
        </li>
        <li>
          <Link to="/ontwikkeling/dabs">{t('footer.dabs')}</Link>
        </li>
        {session?.user.role === 'citizen' && (
          <li>
            <Link to="/ontwikkeling/ebox">{t('footer.ebox')}</Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
