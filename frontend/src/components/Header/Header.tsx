import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { User } from '../../api/types';
import { useHealth } from '../../hooks/useHealth';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { homeFor } from '../../session/homeFor';
import { browser } from '../../session/signInFlow';
import { useSessionState } from '../../session/store';
import { LanguageSwitcher } from './LanguageSwitcher';
import './Header.css';

export function Header() {
  const { t } = useI18n();
  const { status, session } = useSessionState();
  const location = useLocation();
  const health = useHealth();
  const municipality = health.status === 'ok' ? health.data.municipality : t('header.municipalityFallback');
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState(false);

  /**
   * Ends the session at the API, then at the sign-in provider when it has a page for that (it
   * sends the browser back to the start page). Either way the page is loaded afresh, so nothing
   * of the signed-out person stays in memory.
   */
  const signOut = async () => {
    setSigningOut(true);
    setSignOutError(false);
    let leaveTo = '/';
    try {
      leaveTo = (await unwrap(api.POST('/api/v1/auth/logout'))).providerLogoutUrl ?? '/';
    } catch (error) {
      // A 401: the API had already ended the session, which is what was asked.
      if (!(error instanceof ApiProblem && error.status === 401)) {
        setSignOutError(true);
        setSigningOut(false);
        return;
      }
    }
    browser.assign(leaveTo);
  };
  const here = location.pathname + location.search;
  const onSignInPage = SIGN_IN_PAGES.some((page) => location.pathname.startsWith(page));

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
              <span className="site-header__person">
                <span className="site-header__user">
                  <span className="visually-hidden">{t('header.signedInAs')}</span> {session.user.name}
                </span>
                <SignedInWith user={session.user} />
              </span>
              <button type="button" className="button button--secondary button--small" disabled={signingOut} onClick={() => void signOut()}>
                {t('header.signOut')}
              </button>
              {signOutError && (
                <span role="alert" className="site-header__error">
                  {t('header.signOutFailed')}
                </span>
              )}
            </>
          ) : (
            status === 'ready' &&
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

/** Pages where signing in is what the page itself is about. */
const SIGN_IN_PAGES = ['/aanmelden', '/medewerkers/aanmelden', '/ontwikkeling/idp/'];

/** How a citizen signed in (eID, itsme, …), as the federal login told the API. */
function SignedInWith({ user }: { user: User }) {
  const { t } = useI18n();
  const key = `header.signedInWith.${user.authMeans ?? ''}`;
  if (user.role !== 'citizen' || !isMessageKey(key)) return null;
  return <span className="site-header__means">{t(key)}</span>;
}
