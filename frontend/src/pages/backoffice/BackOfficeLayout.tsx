import { NavLink, Outlet } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import './BackOffice.css';

const LINKS: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: '/behandelportaal', label: 'backOffice.nav.all', end: true },
  { to: '/behandelportaal/mijn-taken', label: 'backOffice.nav.mine' },
  { to: '/behandelportaal/geparkeerde-taken', label: 'backOffice.nav.parked' },
  { to: '/behandelportaal/zoeken', label: 'backOffice.nav.search' },
];

/** The staff's back office (behandelportaal): task views beside a side navigation. */
export function BackOfficeLayout() {
  const { t } = useI18n();
  return (
    <div className="back-office">
      <nav aria-label={t('backOffice.navLabel')} className="back-office__nav">
        <p className="back-office__nav-title">{t('backOffice.title')}</p>
        <ul>
          {LINKS.map((link) => (
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
