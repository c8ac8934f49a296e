import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useSessionCheck } from '../../session/useSessionCheck';
import { Header } from '../Header/Header';
import './Layout.css';

export const MAIN_ID = 'inhoud';

export function Layout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useSessionCheck();

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
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('layout.skipToContent')}
      </a>
      <Header />
      <main id={MAIN_ID} ref={main} tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('footer.text')}</p>
        </div>
      </footer>
    </>
  );
}
