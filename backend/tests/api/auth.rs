//! Sign-in through the demo's OpenID Connect providers, over HTTP as a browser does, and the
//! sessions that come of it.
use crate::helpers::{people, Browser, TestApp};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_federal_login_offers_the_four_means_and_the_mock_lists_test_citizens() {
    let app = TestApp::spawn().await;
    let means = app.get("/api/v1/auth/federal/means").await;
    let codes: Vec<&str> = means.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["eid", "itsme", "mobile_app", "federal_token"]);
    let citizens = app.get("/mock-oidc/federal/test-citizens").await;
    let items = citizens.body["items"].as_array().unwrap();
    assert!(
        items.len() >= 8,
        "at least 8 test citizens, got {}",
        items.len()
    );
    assert!(items
        .iter()
        .any(|c| c["name"] == "Jan Peeters" && c["nationalNumber"] == people::JAN));
    assert!(
        items
            .iter()
            .all(|c| c["nationalNumber"] != people::JOZEF_DECEASED),
        "the deceased cannot sign in"
    );
}

#[tokio::test]
async fn the_mock_provider_publishes_discovery_and_keys() {
    let app = TestApp::spawn().await;
    for provider in ["federal", "municipal"] {
        let discovery = app
            .get(&format!(
                "/mock-oidc/{provider}/.well-known/openid-configuration"
            ))
            .await;
        assert_eq!(discovery.status, 200);
        let issuer = format!("{}/mock-oidc/{provider}", app.base);
        assert_eq!(discovery.body["issuer"], issuer);
        assert_eq!(
            discovery.body["code_challenge_methods_supported"],
            json!(["S256"])
        );
        let keys = app.get(&format!("/mock-oidc/{provider}/jwks")).await;
        assert_eq!(keys.body["keys"][0]["kty"], "RSA");
        assert_eq!(keys.body["keys"][0]["alg"], "RS256");
    }
}

#[tokio::test]
async fn a_citizen_signs_in_with_itsme_into_an_http_only_cookie_session() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let (page, query) = browser
        .start(
            "/api/v1/auth/citizen/login?means=itsme&returnTo=/aanvragen/bewijs-van-woonst/gegevens",
        )
        .await;
    assert_eq!(page, "/ontwikkeling/idp/federaal");
    for part in [
        "response_type=code",
        "code_challenge_method=S256",
        "acr_values=itsme",
        "nonce=",
        "state=",
    ] {
        assert!(query.contains(part), "{part} in {query}");
    }
    let confirmed = browser
        .confirm(
            &app.base,
            "federal",
            json!({"query": query, "means": "itsme", "nationalNumber": "85.07.30-033.28"}),
        )
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let back = browser
        .follow(confirmed.body["redirectTo"].as_str().unwrap())
        .await;
    assert_eq!(back.status, 303);
    assert_eq!(back.location, "/aanvragen/bewijs-van-woonst/gegevens");
    let cookie = back
        .set_cookies
        .iter()
        .find(|c| c.starts_with("loket_session="))
        .expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "not over plain http: {cookie}");
    assert!(!cookie.contains(people::JAN));

    let session = browser.get("/api/v1/auth/session").await;
    assert_eq!(session.body["user"]["name"], "Jan Peeters");
    assert_eq!(session.body["user"]["role"], "citizen");
    assert_eq!(session.body["user"]["authMeans"], "itsme");
    assert!(session.body["csrfToken"]
        .as_str()
        .is_some_and(|t| t.len() >= 32));
    assert_eq!(session.headers["cache-control"], "no-store");
    let me = browser.get("/api/v1/me").await;
    assert_eq!(me.body["name"], "Jan Peeters");
    for reply in [&session, &me] {
        assert!(
            !String::from_utf8_lossy(&reply.bytes).contains(people::JAN),
            "no national number in what the browser can read: {}",
            reply.body
        );
    }

    let signed_in = app.audit("signed_in");
    let (actor, _, details) = signed_in.last().expect("the sign-in is audited");
    assert_eq!(actor, "Jan Peeters");
    assert_eq!(details["means"], "itsme");
    assert_eq!(details["provider"], "citizen");
    assert_eq!(details["address"], "127.0.0.1");
    assert!(details["userAgent"].is_string());
}

#[tokio::test]
async fn the_means_the_provider_confirms_is_the_one_recorded() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let back = browser.sign_in_citizen("eid", people::ELS).await;
    assert_eq!(back.location, "/mijn-aanvragen");
    let session = browser.get("/api/v1/auth/session").await;
    assert_eq!(session.body["user"]["name"], "Els Janssens");
    assert_eq!(session.body["user"]["authMeans"], "eid");
}

#[tokio::test]
async fn the_mock_federal_provider_checks_the_national_number() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let (_, query) = browser.start("/api/v1/auth/citizen/login").await;
    for (number, code) in [
        ("85073003329", "invalid_national_number"),
        ("1234", "invalid_national_number"),
        ("99010100118", "unknown_person"),
        (people::JOZEF_DECEASED, "unknown_person"),
    ] {
        let reply = browser
            .confirm(
                &app.base,
                "federal",
                json!({"query": query, "means": "itsme", "nationalNumber": number}),
            )
            .await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(reply.body["invalidParams"][0]["name"], "nationalNumber");
        assert_eq!(reply.body["invalidParams"][0]["code"], code, "{number}");
    }
}

#[tokio::test]
async fn the_mock_providers_never_redirect_to_a_foreign_site_or_unknown_client() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let (_, query) = browser.start("/api/v1/auth/citizen/login").await;
    let foreign = query.replace(
        &url_encode(&format!("{}/api/v1/auth/callback", app.base)),
        &url_encode("https://evil.example/steal"),
    );
    assert_ne!(foreign, query);
    let reply = app
        .get(&format!("/mock-oidc/federal/authorize?{foreign}"))
        .await;
    reply.assert_problem(400, "invalid_authorization_request");
    let unknown = query.replace("client_id=loket-demo", "client_id=someone-else");
    app.get(&format!("/mock-oidc/federal/authorize?{unknown}"))
        .await
        .assert_problem(400, "invalid_authorization_request");
}

fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn cancelling_at_the_provider_and_replaying_the_callback_do_not_sign_in() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let (_, query) = browser
        .start("/api/v1/auth/citizen/login?returnTo=/mijn-aanvragen")
        .await;
    let cancelled = browser
        .confirm(
            &app.base,
            "federal",
            json!({"query": query, "cancel": true}),
        )
        .await;
    let back = browser
        .follow(cancelled.body["redirectTo"].as_str().unwrap())
        .await;
    assert_eq!(
        back.location,
        "/aanmelden/mislukt?code=access_denied&for=citizen&returnTo=%2Fmijn-aanvragen"
    );
    assert!(back.set_cookies.is_empty());

    let (_, query) = browser.start("/api/v1/auth/citizen/login").await;
    let confirmed = browser
        .confirm(
            &app.base,
            "federal",
            json!({"query": query, "means": "itsme", "nationalNumber": people::JAN}),
        )
        .await;
    let callback = confirmed.body["redirectTo"].as_str().unwrap().to_owned();
    // The callback link opened in another browser (login CSRF: someone else's sign-in
    // slipped to a victim) signs nobody in, and does not use the sign-in up …
    let victim = Browser::new(&app.base);
    let slipped = victim.follow(&callback).await;
    assert!(
        slipped
            .location
            .starts_with("/aanmelden/mislukt?code=sign_in_expired"),
        "{}",
        slipped.location
    );
    assert!(slipped
        .set_cookies
        .iter()
        .all(|c| !c.starts_with("loket_session=")));
    // … which the browser that started it then finishes.
    assert_eq!(browser.follow(&callback).await.location, "/");
    // The same callback again: refused.
    let replay = browser.follow(&callback).await;
    assert!(
        replay
            .location
            .starts_with("/aanmelden/mislukt?code=sign_in_expired"),
        "{}",
        replay.location
    );
    assert!(replay
        .set_cookies
        .iter()
        .all(|c| !c.starts_with("loket_session=")));
    let failed = app.audit("sign_in_failed");
    assert!(failed
        .iter()
        .any(|(_, reason, _)| reason.as_deref() == Some("access_denied")));
    assert_eq!(failed.len(), 3, "{failed:?}");
}

#[tokio::test]
async fn a_sign_in_left_at_the_provider_for_too_long_expires() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let (_, query) = browser.start("/api/v1/auth/citizen/login").await;
    app.advance_clock(11 * 60).await;
    let confirmed = browser
        .confirm(
            &app.base,
            "federal",
            json!({"query": query, "means": "itsme", "nationalNumber": people::JAN}),
        )
        .await;
    let back = browser
        .follow(confirmed.body["redirectTo"].as_str().unwrap())
        .await;
    assert!(
        back.location
            .starts_with("/aanmelden/mislukt?code=sign_in_expired"),
        "{}",
        back.location
    );
}

#[tokio::test]
async fn a_refused_staff_sign_in_leads_back_to_the_staff_sign_in() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let (_, query) = browser
        .start("/api/v1/auth/staff/login?returnTo=/behandelportaal/zoeken")
        .await;
    app.advance_clock(11 * 60).await;
    let confirmed = browser
        .confirm(
            &app.base,
            "municipal",
            json!({"query": query, "username": "an.desmet"}),
        )
        .await;
    let back = browser
        .follow(confirmed.body["redirectTo"].as_str().unwrap())
        .await;
    assert_eq!(
        back.location,
        "/aanmelden/mislukt?code=sign_in_expired&for=staff&returnTo=%2Fbehandelportaal%2Fzoeken"
    );
}

#[tokio::test]
async fn changes_from_a_cookie_session_need_its_csrf_token() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    browser.sign_in_citizen("itsme", people::JAN).await;
    let request = json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Huurcontract", "language": "nl", "delivery": "digital"
    });
    browser
        .call(
            Method::POST,
            "/api/v1/requests",
            None,
            Some(request.clone()),
        )
        .await
        .assert_problem(403, "csrf_token_missing");
    browser
        .call(
            Method::POST,
            "/api/v1/requests",
            Some("forged"),
            Some(request.clone()),
        )
        .await
        .assert_problem(403, "csrf_token_invalid");
    let csrf = browser.csrf().await;
    let created = browser
        .call(Method::POST, "/api/v1/requests", Some(&csrf), Some(request))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["requester"]["signedIn"], true);
    // Reading needs no token.
    let mine = browser.get("/api/v1/requests").await;
    assert_eq!(mine.status, 200, "{}", mine.body);
}

#[tokio::test]
async fn every_change_of_a_cookie_session_needs_the_csrf_token() {
    let app = TestApp::spawn().await;
    let staff = app.browser();
    staff.sign_in_staff("an.desmet").await;
    let csrf = staff.csrf().await;
    let filter =
        json!({"name": "Mijn strafregisters", "criteria": {"documentType": "strafregister-595"}});
    let created = staff
        .call(
            Method::POST,
            "/api/v1/search/filters",
            Some(&csrf),
            Some(filter.clone()),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let path = format!("/api/v1/search/filters/{}", created.body["id"]);
    staff
        .call(Method::PUT, &path, None, Some(filter.clone()))
        .await
        .assert_problem(403, "csrf_token_missing");
    staff
        .call(Method::DELETE, &path, Some("forged"), None)
        .await
        .assert_problem(403, "csrf_token_invalid");
    // Signing someone out is a change too: a foreign page cannot do it.
    staff
        .call(Method::POST, "/api/v1/auth/logout", None, None)
        .await
        .assert_problem(403, "csrf_token_missing");
    assert_eq!(staff.get("/api/v1/me").await.status, 200, "still signed in");
    let deleted = staff.call(Method::DELETE, &path, Some(&csrf), None).await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);
}

#[tokio::test]
async fn a_new_sign_in_ends_the_session_the_browser_had() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    browser.sign_in_citizen("itsme", people::JAN).await;
    let jans = browser.session_cookie().unwrap();
    browser.sign_in_citizen("itsme", people::ELS).await;
    assert_eq!(browser.get("/api/v1/me").await.body["name"], "Els Janssens");
    let replayed = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.base))
        .header("Cookie", format!("loket_session={jans}"))
        .send()
        .await
        .unwrap();
    TestApp::reply(replayed)
        .await
        .assert_problem(401, "session_ended");
}

#[tokio::test]
async fn a_return_path_never_leaves_the_service() {
    let app = TestApp::spawn().await;
    for evil in [
        "//evil.example/x",
        "https://evil.example",
        "/\\evil.example",
    ] {
        let browser = app.browser();
        let (_, query) = browser
            .start(&format!(
                "/api/v1/auth/citizen/login?returnTo={}",
                url_encode(evil)
            ))
            .await;
        let confirmed = browser
            .confirm(
                &app.base,
                "federal",
                json!({"query": query, "means": "itsme", "nationalNumber": people::JAN}),
            )
            .await;
        let back = browser
            .follow(confirmed.body["redirectTo"].as_str().unwrap())
            .await;
        assert_eq!(back.location, "/", "{evil}");
    }
}

#[tokio::test]
async fn swept_sessions_keep_no_refresh_token() {
    let app = TestApp::spawn().await;
    let staff = app.browser();
    staff.sign_in_staff("an.desmet").await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM sessions WHERE refresh_token IS NOT NULL"
        ),
        1
    );
    let citizen = app.browser();
    citizen.sign_in_citizen("itsme", people::JAN).await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM sessions WHERE refresh_token IS NOT NULL"
        ),
        1,
        "only staff sessions keep one"
    );
    app.advance_clock(31 * 60).await;
    app.run_jobs().await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM sessions WHERE ended_at IS NULL"
        ),
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM sessions WHERE refresh_token IS NOT NULL"
        ),
        0
    );
}

fn count(app: &TestApp, sql: &str) -> i64 {
    crate::helpers::count(&app.url, sql)
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    browser.sign_in_citizen("itsme", people::JAN).await;
    let stolen = browser.session_cookie().expect("a cookie");
    let csrf = browser.csrf().await;
    let out = browser
        .call(Method::POST, "/api/v1/auth/logout", Some(&csrf), None)
        .await;
    assert_eq!(out.status, 200, "{}", out.body);
    let provider_logout = out.body["providerLogoutUrl"]
        .as_str()
        .expect("the provider's logout");
    assert!(provider_logout.starts_with(&format!("{}/mock-oidc/federal/logout?", app.base)));
    assert!(out.headers.get_all("set-cookie").iter().any(|c| {
        let c = c.to_str().unwrap();
        c.starts_with("loket_session=;") && c.contains("Max-Age=0")
    }));
    // The old cookie, kept by someone, no longer works.
    let replayed = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.base))
        .header("Cookie", format!("loket_session={stolen}"))
        .send()
        .await
        .unwrap();
    TestApp::reply(replayed)
        .await
        .assert_problem(401, "session_ended");
    let session = browser.get("/api/v1/auth/session").await;
    assert_eq!(session.body["user"], serde_json::Value::Null);
    let (actor, _, details) = app.audit("signed_out").pop().expect("audited");
    assert_eq!(actor, "Jan Peeters");
    assert_eq!(details["address"], "127.0.0.1");

    // Bearer tokens end the same way.
    let token = app.sign_in_citizen(people::ELS).await;
    let out = app
        .call(Method::POST, "/api/v1/auth/logout", Some(&token), None)
        .await;
    assert_eq!(out.status, 200);
    app.get_as("/api/v1/me", &token)
        .await
        .assert_problem(401, "session_ended");
}

#[tokio::test]
async fn a_session_ends_after_idling_and_after_its_absolute_lifetime() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    browser.sign_in_citizen("itsme", people::JAN).await;
    app.advance_clock(29 * 60).await;
    assert_eq!(
        browser.get("/api/v1/me").await.status,
        200,
        "29 minutes idle is fine"
    );
    app.advance_clock(31 * 60).await;
    let after = browser.get("/api/v1/auth/session").await;
    assert_eq!(after.body["user"], serde_json::Value::Null);
    assert_eq!(
        after.body["ended"], "session_expired",
        "the SPA can say why"
    );
    browser
        .get("/api/v1/me")
        .await
        .assert_problem(401, "unauthenticated");

    let browser = app.browser();
    browser.sign_in_citizen("itsme", people::JAN).await;
    for _ in 0..16 {
        app.advance_clock(29 * 60).await;
        assert_eq!(
            browser.get("/api/v1/me").await.status,
            200,
            "in use, within 8 hours"
        );
    }
    app.advance_clock(29 * 60).await;
    browser
        .get("/api/v1/me")
        .await
        .assert_problem(401, "session_expired");
}

#[tokio::test]
async fn staff_and_police_sign_in_at_the_municipal_provider_with_their_role() {
    let app = TestApp::spawn().await;
    let staff = app.browser();
    let back = staff.sign_in_staff("an.desmet").await;
    assert_eq!(back.location, "/behandelportaal");
    let me = staff.get("/api/v1/me").await;
    assert_eq!(me.body["role"], "staff");
    assert_eq!(me.body["name"], "An De Smet");
    assert_eq!(me.body["authMeans"], "municipal_login");
    assert_eq!(staff.get("/api/v1/tasks?view=all").await.status, 200);

    let police = app.browser();
    assert_eq!(
        police.sign_in_staff("politie.voorbeeldegem").await.location,
        "/politie"
    );
    assert_eq!(police.get("/api/v1/me").await.body["role"], "police");
    police
        .get("/api/v1/tasks?view=all")
        .await
        .assert_problem(403, "forbidden");

    let admin = app.browser();
    assert_eq!(
        admin.sign_in_staff("lotte.vermeulen").await.location,
        "/behandelportaal"
    );
    assert_eq!(admin.get("/api/v1/me").await.body["role"], "admin");
    assert_eq!(
        admin.get("/api/v1/tasks?view=all").await.status,
        200,
        "admins act as staff"
    );
}

#[tokio::test]
async fn an_account_without_a_loket_role_is_refused_with_a_clear_page() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let back = browser.sign_in_staff("jonas.maes").await;
    assert_eq!(
        back.location,
        "/aanmelden/mislukt?code=role_missing&for=staff"
    );
    assert!(back
        .set_cookies
        .iter()
        .all(|c| !c.starts_with("loket_session=")));
    let (_, reason, details) = app.audit("sign_in_failed").pop().unwrap();
    assert_eq!(reason.as_deref(), Some("role_missing"));
    assert!(details["reason"].as_str().unwrap().contains("jonas.maes"));
}

#[tokio::test]
async fn a_disabled_account_or_a_removed_role_stops_working_within_minutes() {
    let app = TestApp::spawn().await;
    let an = app.browser();
    an.sign_in_staff("an.desmet").await;
    let pieter = app.browser();
    pieter.sign_in_staff("pieter.claes").await;
    let client = reqwest::Client::new();
    let change = |username: &str, body: serde_json::Value| {
        client
            .put(format!(
                "{}/mock-oidc/municipal/accounts/{username}",
                app.base
            ))
            .json(&body)
            .send()
    };
    assert!(change("an.desmet", json!({"disabled": true}))
        .await
        .unwrap()
        .status()
        .is_success());
    assert!(change("pieter.claes", json!({"role": null}))
        .await
        .unwrap()
        .status()
        .is_success());
    // Until the next check (every 5 minutes) the sessions go on …
    assert_eq!(an.get("/api/v1/tasks?view=all").await.status, 200);
    app.advance_clock(6 * 60).await;
    // … then the provider is asked again, and says no.
    an.get("/api/v1/tasks?view=all")
        .await
        .assert_problem(401, "session_ended");
    pieter
        .get("/api/v1/tasks?view=all")
        .await
        .assert_problem(401, "session_ended");
    assert_eq!(app.audit("session_ended").len(), 2);
    // And a disabled account cannot sign in again.
    let again = app.browser();
    let (_, query) = again.start("/api/v1/auth/staff/login").await;
    let refused = again
        .confirm(
            &app.base,
            "municipal",
            json!({"query": query, "username": "an.desmet"}),
        )
        .await;
    refused.assert_problem(422, "validation_failed");
    assert_eq!(refused.body["invalidParams"][0]["code"], "account_disabled");

    // Someone whose account still stands keeps working past the check.
    let sofie = app.browser();
    sofie.sign_in_staff("sofie.wouters").await;
    app.advance_clock(6 * 60).await;
    assert_eq!(sofie.get("/api/v1/tasks?view=all").await.status, 200);
    app.advance_clock(6 * 60).await;
    assert_eq!(
        sofie.get("/api/v1/tasks?view=all").await.status,
        200,
        "the refresh token rotated"
    );
}

#[tokio::test]
async fn the_role_comes_from_the_provider_at_every_sign_in() {
    let app = TestApp::spawn().await;
    let moved = reqwest::Client::new()
        .put(format!(
            "{}/mock-oidc/municipal/accounts/politie.voorbeeldegem",
            app.base
        ))
        .json(&json!({"role": "staff"}))
        .send()
        .await
        .unwrap();
    assert!(moved.status().is_success());
    let browser = app.browser();
    assert_eq!(
        browser
            .sign_in_staff("politie.voorbeeldegem")
            .await
            .location,
        "/behandelportaal"
    );
    assert_eq!(browser.get("/api/v1/me").await.body["role"], "staff");
    let colleagues = browser.get("/api/v1/staff-members").await;
    let names: Vec<&str> = colleagues.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Politiezone Voorbeeldegem"),
        "now a colleague: {names:?}"
    );
}

#[tokio::test]
async fn the_api_refuses_missing_bad_and_expired_tokens() {
    let app = TestApp::spawn().await;
    let none = app.get("/api/v1/me").await;
    none.assert_problem(401, "unauthenticated");
    assert_eq!(none.headers["www-authenticate"], "Bearer realm=\"loket\"");
    app.get_as("/api/v1/me", "not-a-jwt")
        .await
        .assert_problem(401, "invalid_token");

    let token = app.sign_in_citizen(people::JAN).await;
    // Tampering with the payload breaks the signature.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].chars().rev().collect();
    app.get_as("/api/v1/me", &parts.join("."))
        .await
        .assert_problem(401, "invalid_token");
    // The token carries no personal data.
    use base64::Engine;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.split('.').nth(1).unwrap())
        .unwrap();
    let payload = String::from_utf8(payload).unwrap();
    assert!(
        !payload.contains(people::JAN) && !payload.contains("Jan"),
        "{payload}"
    );

    app.advance_clock(31 * 60).await;
    app.get_as("/api/v1/me", &token)
        .await
        .assert_problem(401, "session_expired");
}

#[tokio::test]
async fn the_development_token_endpoint_issues_sessions_for_seeded_users() {
    let app = TestApp::spawn().await;
    let staff = app
        .post("/api/v1/dev/token", json!({"username": "pieter.claes"}))
        .await;
    assert_eq!(staff.status, 200);
    assert_eq!(staff.body["user"]["role"], "staff");
    let citizen = app
        .post("/api/v1/dev/token", json!({"nationalNumber": people::ELS}))
        .await;
    assert_eq!(citizen.body["user"]["name"], "Els Janssens");
    let both = app
        .post(
            "/api/v1/dev/token",
            json!({"username": "an.desmet", "nationalNumber": people::ELS}),
        )
        .await;
    both.assert_problem(422, "validation_failed");
    app.post("/api/v1/dev/token", json!({"username": "nobody"}))
        .await
        .assert_problem(422, "validation_failed");
}
