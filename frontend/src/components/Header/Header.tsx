import { Link, useLocation, useNavigate } from 'react-router';
import { useHealth } from '../../hooks/useHealth';
import { useI18n } from '../../i18n/i18n';
import { homeFor } from '../../session/homeFor';
import { sessionStore, useSession } from '../../session/store';
import { LanguageSwitcher } from './LanguageSwitcher';
import './Header.css';

export function Header() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const health = useHealth();
  const municipality = health.status === 'ok' ? health.data.municipality : t('header.municipalityFallback');

  const signOut = () => {
    sessionStore.signOut();
    navigate('/');
  };
  const here = location.pathname + location.search;
  const onSignInPage = location.pathname.startsWith('/aanmelden');

  return (
    <header className="site-header">
      <div className="site-header__accent">
        <div className="container site-header__accent-inner">
          <span className="site-header__municipality">{municipality}</span>
          <LanguageSwitcher />
        </div>
      </div>
      <div className="container site-header__main">
        <Link to="/" className="site-header__brand">
          <span className="site-header__brand-name">{t('app.name')}</span>
          <span className="site-header__brand-module">{t('app.title')}</span>
        </Link>
        <nav aria-label={t('header.accountNav')} className="site-header__account">
          {session ? (
            <>
              {session.user.role === 'citizen' ? (
                <Link to="/mijn-aanvragen">{t('header.myRequests')}</Link>
              ) : (
                <Link to={homeFor(session.user.role)}>{t(`header.home.${session.user.role}`)}</Link>
              )}
              <span className="site-header__user">
                <span className="visually-hidden">{t('header.signedInAs')}</span> {session.user.name}
              </span>
              <button type="button" className="button button--secondary button--small" onClick={signOut}>
                {t('header.signOut')}
              </button>
            </>
          ) : (
            !onSignInPage && (
              <Link className="button button--small" to={`/aanmelden?next=${encodeURIComponent(here)}`}>
                {t('header.signIn')}
              </Link>
            )
          )}
        </nav>
      </div>
    </header>
  );
}
