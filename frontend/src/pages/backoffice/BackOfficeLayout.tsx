import { NavLink, Outlet } from 'react-router';
import type { Role } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { useSession } from '../../session/store';
import './BackOffice.css';

const LINKS: { to: string; label: MessageKey; end?: boolean; only?: Role }[] = [
  { to: '/behandelportaal', label: 'backOffice.nav.all', end: true },
  { to: '/behandelportaal/mijn-taken', label: 'backOffice.nav.mine' },
  { to: '/behandelportaal/geparkeerde-taken', label: 'backOffice.nav.parked' },
  { to: '/behandelportaal/zoeken', label: 'backOffice.nav.search' },
  { to: '/behandelportaal/mislukte-leveringen', label: 'backOffice.nav.failedDeliveries' },
  { to: '/behandelportaal/audittrail', label: 'backOffice.nav.audit', only: 'admin' },
];

/** The staff's back office (behandelportaal): task views beside a side navigation. */
export function BackOfficeLayout() {
  const { t } = useI18n();
  const role = useSession()?.user.role;
  const links = LINKS.filter((link) => !link.only || link.only === role);
  return (
    <div className="back-office">
      <nav aria-label={t('backOffice.navLabel')} className="back-office__nav">
        <p className="back-office__nav-title">{t('backOffice.title')}</p>
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {t(link.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="back-office__content">
        <Outlet />
      </div>
    </div>
  );
}
