import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Role } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { Loading } from '../../components/Status/Loading';
import { useSession } from '../../session/store';
import { setPausedWebhooks, usePausedWebhooks } from './clients/pausedWebhooks';
import './BackOffice.css';

const CLIENTS = '/behandelportaal/koppelingen';

const LINKS: { to: string; label: MessageKey; end?: boolean; only?: Role }[] = [
  { to: '/behandelportaal', label: 'backOffice.nav.all', end: true },
  { to: '/behandelportaal/mijn-taken', label: 'backOffice.nav.mine' },
  { to: '/behandelportaal/geparkeerde-taken', label: 'backOffice.nav.parked' },
  { to: '/behandelportaal/zoeken', label: 'backOffice.nav.search' },
  { to: '/behandelportaal/mislukte-leveringen', label: 'backOffice.nav.failedDeliveries' },
  { to: '/behandelportaal/audittrail', label: 'backOffice.nav.audit', only: 'admin' },
  { to: CLIENTS, label: 'backOffice.nav.clients', only: 'admin' },
];

/** The staff's back office (behandelportaal): task views beside a side navigation. */
export function BackOfficeLayout() {
  const { t } = useI18n();
  const role = useSession()?.user.role;
  const links = LINKS.filter((link) => !link.only || link.only === role);
  const paused = usePausedWebhooks();
  const { pathname } = useLocation();

  // An admin sees at every page whether a webhook was paused; "Koppelingen" loads its own.
  useEffect(() => {
    if (role !== 'admin' || pathname === CLIENTS) return;
    const controller = new AbortController();
    unwrap(api.GET('/api/v1/webhooks', { signal: controller.signal })).then(
      (list) => setPausedWebhooks(list.items.filter((webhook) => webhook.paused).length),
      () => undefined,
    );
    return () => controller.abort();
  }, [role, pathname]);

  return (
    <div className="back-office">
      <nav aria-label={t('backOffice.navLabel')} className="back-office__nav">
        <p className="back-office__nav-title">{t('backOffice.title')}</p>
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {t(link.label)}
                {link.to === CLIENTS && paused > 0 && (
                  <>
                    <span className="nav-badge" aria-hidden="true">
                      {paused}
                    </span>
                    <span className="visually-hidden">
                      , {t(paused === 1 ? 'webhooks.navPausedOne' : 'webhooks.navPausedMany', { count: paused })}
                    </span>
                  </>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="back-office__content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
