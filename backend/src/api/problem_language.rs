//! Problems in the caller's language: `Accept-Language` (RFC 9110, with q-values) picks Dutch,
//! French, German or English for every problem's `title` and `detail` and for the `reason` of
//! each field error; the `code`s never change, so clients that translate codes keep working.
//!
//! English is what [`ApiError`](crate::error::ApiError) writes today, with every specific it
//! knows; the other languages come from one catalogue per [`ErrorCode`], plus the specifics
//! the error itself carries (the seconds to wait, the outside system, the allowed methods).
//! One middleware applies it to every problem, whoever answered it: a handler, an extractor,
//! the fallback or the gate of API clients.
use crate::error::{ApiError, ErrorCode};
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;

/// The languages Loket answers problems in; English when the caller asks for none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    En,
    Nl,
    Fr,
    De,
}

impl Language {
    pub const ALL: [Self; 4] = [Self::En, Self::Nl, Self::Fr, Self::De];

    /// The language tag, as `Content-Language` gives it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Nl => "nl",
            Self::Fr => "fr",
            Self::De => "de",
        }
    }

    fn of_primary_subtag(subtag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| subtag.eq_ignore_ascii_case(l.tag()))
    }

    /// The language an `Accept-Language` header prefers: the range with the highest weight
    /// (the first of equal weights) whose primary subtag Loket speaks — `fr-BE` is French, as
    /// RFC 4647's lookup falls back from `fr-BE` to `fr`. `*`, ranges weighted `q=0`, entries
    /// that cannot be read and languages Loket does not speak choose nothing; without a choice
    /// the answer is English.
    pub fn negotiate(header: Option<&str>) -> Self {
        let Some(header) = header else {
            return Self::default();
        };
        let mut best: Option<(Self, u16)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';').map(str::trim);
            let tag = parts.next().unwrap_or_default();
            let Some(language) = tag.split('-').next().and_then(Self::of_primary_subtag) else {
                continue;
            };
            let weight = match parts.find_map(|p| p.strip_prefix("q=").or(p.strip_prefix("Q="))) {
                None => Some(1000),
                Some(q) => weight(q),
            };
            if let Some(weight) = weight.filter(|w| *w > 0) {
                if best.is_none_or(|(_, w)| weight > w) {
                    best = Some((language, weight));
                }
            }
        }
        best.map_or_else(Self::default, |(language, _)| language)
    }
}

/// A q-value (`0`, `0.8`, `1.000`) in thousandths; `None` when it is not one (RFC 9110 §12.4.2).
fn weight(q: &str) -> Option<u16> {
    let (whole, fraction) = q.split_once('.').unwrap_or((q, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !matches!(whole, "0" | "1") || fraction.len() > 3 || !digits_ok(fraction) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    let weight = if whole == "1" { 1000 } else { thousandths };
    (whole == "0" || thousandths == 0).then_some(weight)
}

/// What a problem knows beyond its code, to keep in every language.
#[derive(Debug, Clone, Copy)]
pub enum Specifics<'a> {
    None,
    /// Seconds to wait before trying again (`Retry-After`).
    RetryAfter(u64),
    /// The outside system that did not answer as it should.
    System(&'a str),
    /// The methods the path does answer (`Allow`).
    Allow(&'a [String]),
}

/// A problem's title and detail in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub title: &'static str,
    pub detail: String,
}

/// The title and detail of `code` in `language`, with the specifics; `None` for English,
/// whose texts are the ones the error wrote itself.
pub fn text(code: ErrorCode, language: Language, specifics: Specifics<'_>) -> Option<Text> {
    let (title, detail) = catalogue(code, language)?;
    let mut detail = detail.to_owned();
    if let Some(more) = specific_sentence(language, specifics) {
        detail.push(' ');
        detail.push_str(&more);
    }
    Some(Text { title, detail })
}

/// The sentence that carries the specifics, in `language`.
fn specific_sentence(language: Language, specifics: Specifics<'_>) -> Option<String> {
    Some(match (specifics, language) {
        (Specifics::None, _) | (_, Language::En) => return None,
        (Specifics::RetryAfter(1), Language::Nl) => "Probeer het over 1 seconde opnieuw.".into(),
        (Specifics::RetryAfter(n), Language::Nl) => {
            format!("Probeer het over {n} seconden opnieuw.")
        }
        (Specifics::RetryAfter(1), Language::Fr) => "Veuillez réessayer dans 1 seconde.".into(),
        (Specifics::RetryAfter(n), Language::Fr) => {
            format!("Veuillez réessayer dans {n} secondes.")
        }
        (Specifics::RetryAfter(1), Language::De) => {
            "Bitte versuchen Sie es in 1 Sekunde erneut.".into()
        }
        (Specifics::RetryAfter(n), Language::De) => {
            format!("Bitte versuchen Sie es in {n} Sekunden erneut.")
        }
        (Specifics::System(system), Language::Nl) => {
            format!("Betrokken systeem: {}.", system_name(system, language))
        }
        (Specifics::System(system), Language::Fr) => {
            format!("Système concerné : {}.", system_name(system, language))
        }
        (Specifics::System(system), Language::De) => {
            format!("Betroffenes System: {}.", system_name(system, language))
        }
        (Specifics::Allow(methods), Language::Nl) => {
            format!("Toegestane methoden: {}.", methods.join(", "))
        }
        (Specifics::Allow(methods), Language::Fr) => {
            format!("Méthodes autorisées : {}.", methods.join(", "))
        }
        (Specifics::Allow(methods), Language::De) => {
            format!("Zulässige Methoden: {}.", methods.join(", "))
        }
    })
}

/// The name of an outside system in `language` (the adapters name them in English).
fn system_name(system: &str, language: Language) -> &str {
    use crate::adapters::http_systems::{DABS, EBOX, NATIONAL_REGISTER, POLICE};
    let names: [&'static str; 3] = match system {
        NATIONAL_REGISTER => ["Rijksregister", "Registre national", "Nationalregister"],
        // The French name of the civil-status database, as the staff's words have it.
        DABS => ["DABS", "BAEC", "DABS"],
        EBOX => ["My eBox", "My eBox", "My eBox"],
        POLICE => ["politie", "police", "Polizei"],
        other => return other,
    };
    match language {
        Language::En => system,
        Language::Nl => names[0],
        Language::Fr => names[1],
        Language::De => names[2],
    }
}

/// One code's title and detail in Dutch, French and German: plain and polite, without the
/// specifics (those follow in a sentence of their own).
type Entry = [(&'static str, &'static str); 3];

fn catalogue(code: ErrorCode, language: Language) -> Option<(&'static str, &'static str)> {
    let entry = entry(code)?;
    match language {
        Language::En => None,
        Language::Nl => Some(entry[0]),
        Language::Fr => Some(entry[1]),
        Language::De => Some(entry[2]),
    }
}

use ErrorCode as C;

/// Every code's words, as data. A unit test holds it to the list of codes, so a new code
/// does not pass the tests without its words.
static ENTRIES: &[(ErrorCode, Entry)] = &[
    // Field errors: the detail is the field's `reason`.
    (C::Required, [
        ("Verplicht veld", "Vul dit veld in."),
        ("Champ obligatoire", "Veuillez remplir ce champ."),
        ("Pflichtfeld", "Bitte füllen Sie dieses Feld aus."),
    ]),
    (C::InvalidValue, [
        ("Ongeldige waarde", "Deze waarde is niet geldig. Controleer wat u hebt ingevuld."),
        (
            "Valeur non valide",
            "Cette valeur n'est pas valide. Veuillez vérifier ce que vous avez saisi.",
        ),
        (
            "Ungültiger Wert",
            "Dieser Wert ist ungültig. Bitte überprüfen Sie Ihre Eingabe.",
        ),
    ]),
    (C::InvalidNationalNumber, [
        (
            "Ongeldig rijksregisternummer",
            "Dit rijksregisternummer is niet geldig. Controleer de 11 cijfers.",
        ),
        (
            "Numéro de registre national non valide",
            "Ce numéro de registre national n'est pas valide. Veuillez vérifier les 11 chiffres.",
        ),
        (
            "Ungültige Nationalregisternummer",
            "Diese Nationalregisternummer ist ungültig. Bitte überprüfen Sie die 11 Ziffern.",
        ),
    ]),
    (C::UnknownPerson, [
        ("Onbekende persoon", "Het Rijksregister kent deze persoon niet."),
        (
            "Personne inconnue",
            "Cette personne n'est pas connue au Registre national.",
        ),
        (
            "Unbekannte Person",
            "Diese Person ist im Nationalregister nicht bekannt.",
        ),
    ]),
    (C::NotThePersonNamed, [
        (
            "Andere persoon",
            "Dit rijksregisternummer hoort bij een andere persoon dan de aanvrager heeft \
             opgegeven. Controleer het nummer; gaat het toch om dezelfde persoon, bevestig \
             dan de identiteit.",
        ),
        (
            "Autre personne",
            "Ce numéro de registre national appartient à une autre personne que celle \
             indiquée par le demandeur. Veuillez vérifier le numéro. S'il s'agit bien de la \
             même personne, confirmez son identité.",
        ),
        (
            "Andere Person",
            "Diese Nationalregisternummer gehört zu einer anderen Person als der vom \
             Antragsteller genannten. Bitte überprüfen Sie die Nummer. Handelt es sich doch \
             um dieselbe Person, bestätigen Sie bitte die Identität.",
        ),
    ]),
    (C::TooLong, [
        ("Te lang", "Deze tekst is te lang. Maak hem korter."),
        ("Trop long", "Ce texte est trop long. Veuillez le raccourcir."),
        ("Zu lang", "Dieser Text ist zu lang. Bitte kürzen Sie ihn."),
    ]),
    (C::InvalidEmail, [
        ("Ongeldig e-mailadres", "Dit is geen geldig e-mailadres."),
        (
            "Adresse e-mail non valide",
            "Cette adresse e-mail n'est pas valide.",
        ),
        ("Ungültige E-Mail-Adresse", "Diese E-Mail-Adresse ist ungültig."),
    ]),
    (C::MustBeEmpty, [
        ("Moet leeg blijven", "Laat dit veld leeg voor deze aanvraag."),
        (
            "Doit rester vide",
            "Veuillez laisser ce champ vide pour cette demande.",
        ),
        (
            "Muss leer bleiben",
            "Bitte lassen Sie dieses Feld für diesen Antrag leer.",
        ),
    ]),
    (C::NotAllowed, [
        ("Niet toegestaan", "Deze keuze is hier niet toegestaan."),
        ("Non autorisé", "Ce choix n'est pas autorisé ici."),
        ("Nicht zulässig", "Diese Auswahl ist hier nicht zulässig."),
    ]),
        // The request as a whole.
    (C::ValidationFailed, [
        (
            "Enkele velden moeten worden verbeterd",
            "Verbeter de velden die invalidParams noemt en verstuur het verzoek opnieuw.",
        ),
        (
            "Certains champs doivent être corrigés",
            "Veuillez corriger les champs indiqués dans invalidParams et renvoyer la requête.",
        ),
        (
            "Einige Felder müssen korrigiert werden",
            "Bitte korrigieren Sie die in invalidParams genannten Felder und senden Sie die \
             Anfrage erneut.",
        ),
    ]),
    (C::MalformedJson, [
        (
            "Ongeldige JSON",
            "De inhoud van het verzoek is geen geldige JSON.",
        ),
        (
            "JSON non valide",
            "Le contenu de la requête n'est pas du JSON valide.",
        ),
        (
            "Ungültiges JSON",
            "Der Inhalt der Anfrage ist kein gültiges JSON.",
        ),
    ]),
    (C::UnreadableBody, [
        (
            "Onleesbare inhoud",
            "De inhoud van het verzoek kon niet worden gelezen. Verstuur het opnieuw.",
        ),
        (
            "Contenu illisible",
            "Le contenu de la requête n'a pas pu être lu. Veuillez la renvoyer.",
        ),
        (
            "Unlesbarer Inhalt",
            "Der Inhalt der Anfrage konnte nicht gelesen werden. Bitte senden Sie sie erneut.",
        ),
    ]),
    (C::InvalidIdempotencyKey, [
        (
            "Ongeldige Idempotency-Key",
            "De header Idempotency-Key is niet geldig. Gebruik per verzoek een unieke \
             waarde, bijvoorbeeld een UUID.",
        ),
        (
            "Idempotency-Key non valide",
            "L'en-tête Idempotency-Key n'est pas valide. Veuillez utiliser une valeur unique \
             par requête, par exemple un UUID.",
        ),
        (
            "Ungültiger Idempotency-Key",
            "Der Header Idempotency-Key ist ungültig. Bitte verwenden Sie pro Anfrage einen \
             eindeutigen Wert, zum Beispiel eine UUID.",
        ),
    ]),
    (C::IdempotencyKeyReused, [
        (
            "Idempotency-Key al gebruikt",
            "Deze Idempotency-Key werd al voor een ander verzoek gebruikt. Gebruik een \
             nieuwe sleutel.",
        ),
        (
            "Idempotency-Key déjà utilisée",
            "Cette Idempotency-Key a déjà été utilisée pour une autre requête. Veuillez \
             utiliser une nouvelle clé.",
        ),
        (
            "Idempotency-Key bereits verwendet",
            "Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet. Bitte \
             verwenden Sie einen neuen Schlüssel.",
        ),
    ]),
    (C::PayloadTooLarge, [
        (
            "Verzoek te groot",
            "De inhoud van het verzoek is groter dan toegestaan.",
        ),
        (
            "Requête trop volumineuse",
            "Le contenu de la requête dépasse la taille autorisée.",
        ),
        (
            "Anfrage zu groß",
            "Der Inhalt der Anfrage ist größer als zulässig.",
        ),
    ]),
    (C::UnsupportedMediaType, [
        (
            "Formaat niet ondersteund",
            "Dit formaat wordt niet aanvaard. Controleer de header Content-Type.",
        ),
        (
            "Format non pris en charge",
            "Ce format n'est pas accepté. Veuillez vérifier l'en-tête Content-Type.",
        ),
        (
            "Format nicht unterstützt",
            "Dieses Format wird nicht angenommen. Bitte überprüfen Sie den Header \
             Content-Type.",
        ),
    ]),
    (C::MethodNotAllowed, [
        (
            "Methode niet toegestaan",
            "Deze methode is op dit adres niet toegestaan.",
        ),
        (
            "Méthode non autorisée",
            "Cette méthode n'est pas autorisée à cette adresse.",
        ),
        (
            "Methode nicht zulässig",
            "Diese Methode ist unter dieser Adresse nicht zulässig.",
        ),
    ]),
    (C::RateLimited, [
        (
            "Te veel verzoeken",
            "U hebt te veel verzoeken kort na elkaar verstuurd.",
        ),
        (
            "Trop de requêtes",
            "Vous avez envoyé trop de requêtes en peu de temps.",
        ),
        (
            "Zu viele Anfragen",
            "Sie haben in kurzer Zeit zu viele Anfragen gesendet.",
        ),
    ]),
        // Sign-in and permissions.
    (C::Unauthenticated, [
        ("Aanmelden vereist", "Meld u aan om verder te gaan."),
        ("Connexion requise", "Veuillez vous connecter pour continuer."),
        (
            "Anmeldung erforderlich",
            "Bitte melden Sie sich an, um fortzufahren.",
        ),
    ]),
    (C::InvalidToken, [
        (
            "Ongeldig token",
            "Het toegangstoken is niet geldig. Meld u opnieuw aan.",
        ),
        (
            "Jeton non valide",
            "Le jeton d'accès n'est pas valide. Veuillez vous reconnecter.",
        ),
        (
            "Ungültiges Token",
            "Das Zugriffstoken ist ungültig. Bitte melden Sie sich erneut an.",
        ),
    ]),
    (C::TokenExpired, [
        (
            "Token verlopen",
            "Het toegangstoken is verlopen. Meld u opnieuw aan.",
        ),
        (
            "Jeton expiré",
            "Le jeton d'accès a expiré. Veuillez vous reconnecter.",
        ),
        (
            "Token abgelaufen",
            "Das Zugriffstoken ist abgelaufen. Bitte melden Sie sich erneut an.",
        ),
    ]),
    (C::SessionExpired, [
        ("Sessie verlopen", "Uw sessie is verlopen. Meld u opnieuw aan."),
        (
            "Session expirée",
            "Votre session a expiré. Veuillez vous reconnecter.",
        ),
        (
            "Sitzung abgelaufen",
            "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
        ),
    ]),
    (C::SessionEnded, [
        (
            "Sessie beëindigd",
            "Uw sessie werd beëindigd. Meld u opnieuw aan.",
        ),
        (
            "Session terminée",
            "Votre session a été fermée. Veuillez vous reconnecter.",
        ),
        (
            "Sitzung beendet",
            "Ihre Sitzung wurde beendet. Bitte melden Sie sich erneut an.",
        ),
    ]),
    (C::InvalidAuthorizationRequest, [
        (
            "Ongeldige aanmelding",
            "Deze aanmelding kon niet worden voltooid. Begin opnieuw met aanmelden.",
        ),
        (
            "Connexion non valide",
            "Cette connexion n'a pas pu aboutir. Veuillez recommencer la connexion.",
        ),
        (
            "Ungültige Anmeldung",
            "Diese Anmeldung konnte nicht abgeschlossen werden. Bitte melden Sie sich erneut \
             an.",
        ),
    ]),
    (C::Forbidden, [
        (
            "Niet toegestaan",
            "U hebt geen toestemming voor deze handeling.",
        ),
        (
            "Non autorisé",
            "Vous n'êtes pas autorisé à effectuer cette opération.",
        ),
        (
            "Nicht erlaubt",
            "Sie sind nicht berechtigt, diesen Vorgang auszuführen.",
        ),
    ]),
    (C::CsrfTokenMissing, [
        (
            "Beveiligingstoken ontbreekt",
            "Het CSRF-token ontbreekt. Laad de pagina opnieuw en probeer het nog eens.",
        ),
        (
            "Jeton de sécurité manquant",
            "Le jeton CSRF est manquant. Veuillez recharger la page et réessayer.",
        ),
        (
            "Sicherheitstoken fehlt",
            "Das CSRF-Token fehlt. Bitte laden Sie die Seite neu und versuchen Sie es noch \
             einmal.",
        ),
    ]),
    (C::CsrfTokenInvalid, [
        (
            "Ongeldig beveiligingstoken",
            "Het CSRF-token is niet geldig. Laad de pagina opnieuw en probeer het nog eens.",
        ),
        (
            "Jeton de sécurité non valide",
            "Le jeton CSRF n'est pas valide. Veuillez recharger la page et réessayer.",
        ),
        (
            "Ungültiges Sicherheitstoken",
            "Das CSRF-Token ist ungültig. Bitte laden Sie die Seite neu und versuchen Sie es \
             noch einmal.",
        ),
    ]),
    (C::InsufficientScope, [
        (
            "Onvoldoende rechten",
            "Het token van deze API-client heeft niet de scope die deze bewerking vereist; \
             de header WWW-Authenticate noemt die scope.",
        ),
        (
            "Droits insuffisants",
            "Le jeton de ce client API ne dispose pas du scope requis pour cette opération. \
             L'en-tête WWW-Authenticate indique ce scope.",
        ),
        (
            "Unzureichende Berechtigung",
            "Das Token dieses API-Clients hat nicht den Scope, den dieser Vorgang erfordert; \
             der Header WWW-Authenticate nennt diesen Scope.",
        ),
    ]),
    (C::NotForApiClients, [
        (
            "Niet voor API-clients",
            "Deze bewerking is bedoeld voor personen die bij Loket zijn aangemeld, niet voor \
             API-clients.",
        ),
        (
            "Réservé aux personnes connectées",
            "Cette opération est réservée aux personnes connectées à Loket, et non aux \
             clients API.",
        ),
        (
            "Nicht für API-Clients",
            "Dieser Vorgang ist Personen vorbehalten, die bei Loket angemeldet sind, nicht \
             API-Clients.",
        ),
    ]),
    (C::DocumentTypeNotAllowed, [
        (
            "Documenttype niet toegestaan",
            "Deze API-client mag dit type document niet aanvragen.",
        ),
        (
            "Type de document non autorisé",
            "Ce client API n'est pas autorisé à demander ce type de document.",
        ),
        (
            "Dokumenttyp nicht zulässig",
            "Dieser API-Client darf diese Art von Dokument nicht beantragen.",
        ),
    ]),
        // What is asked for.
    (C::NotFound, [
        (
            "Niet gevonden",
            "Wat u zoekt, bestaat niet of is niet meer beschikbaar.",
        ),
        (
            "Introuvable",
            "Ce que vous cherchez n'existe pas ou n'est plus disponible.",
        ),
        (
            "Nicht gefunden",
            "Das Gesuchte existiert nicht oder ist nicht mehr verfügbar.",
        ),
    ]),
    (C::UnknownVerificationCode, [
        (
            "Onbekende verificatiecode",
            "Geen enkel document heeft deze verificatiecode. Controleer de code op het \
             document.",
        ),
        (
            "Code de vérification inconnu",
            "Aucun document ne porte ce code de vérification. Veuillez vérifier le code \
             figurant sur le document.",
        ),
        (
            "Unbekannter Prüfcode",
            "Kein Dokument trägt diesen Prüfcode. Bitte überprüfen Sie den Code auf dem \
             Dokument.",
        ),
    ]),
    (C::ConfirmationUnknown, [
        (
            "Onbekende bevestigingslink",
            "Er wacht geen aanvraag op deze link.",
        ),
        (
            "Lien de confirmation inconnu",
            "Aucune demande n'attend ce lien.",
        ),
        (
            "Unbekannter Bestätigungslink",
            "Zu diesem Link gibt es keinen Antrag, der auf Bestätigung wartet.",
        ),
    ]),
    (C::ConfirmationExpired, [
        (
            "Bevestigingslink verlopen",
            "Deze bevestigingslink is verlopen (na 24 uur). Dien de aanvraag opnieuw in.",
        ),
        (
            "Lien de confirmation expiré",
            "Ce lien de confirmation a expiré (après 24 heures). Veuillez introduire à \
             nouveau la demande.",
        ),
        (
            "Bestätigungslink abgelaufen",
            "Dieser Bestätigungslink ist abgelaufen (nach 24 Stunden). Bitte reichen Sie den \
             Antrag erneut ein.",
        ),
    ]),
    (C::ConfirmationInProgress, [
        (
            "Bevestiging bezig",
            "Deze aanvraag wordt op dit moment bevestigd. Laad de pagina zo meteen opnieuw.",
        ),
        (
            "Confirmation en cours",
            "Cette demande est en cours de confirmation. Veuillez recharger la page dans un \
             instant.",
        ),
        (
            "Bestätigung läuft",
            "Dieser Antrag wird gerade bestätigt. Bitte laden Sie die Seite gleich neu.",
        ),
    ]),
    (C::LinkExpired, [
        ("Link verlopen", "Deze link is verlopen."),
        ("Lien expiré", "Ce lien a expiré."),
        ("Link abgelaufen", "Dieser Link ist abgelaufen."),
    ]),
    (C::DocumentErased, [
        (
            "Document gewist",
            "Dit document werd gewist en is niet meer beschikbaar.",
        ),
        (
            "Document effacé",
            "Ce document a été effacé et n'est plus disponible.",
        ),
        (
            "Dokument gelöscht",
            "Dieses Dokument wurde gelöscht und ist nicht mehr verfügbar.",
        ),
    ]),
    (C::ExportNotReady, [
        (
            "Export nog niet klaar",
            "Deze export is nog niet klaar. Probeer het later opnieuw.",
        ),
        (
            "Export pas encore prêt",
            "Cet export n'est pas encore prêt. Veuillez réessayer plus tard.",
        ),
        (
            "Export noch nicht fertig",
            "Dieser Export ist noch nicht fertig. Bitte versuchen Sie es später erneut.",
        ),
    ]),
        // The state of a request or task.
    (C::Conflict, [
        (
            "Conflict",
            "Dit kan niet in de huidige toestand. Laad de gegevens opnieuw en controleer ze \
             voor u verdergaat.",
        ),
        (
            "Conflit",
            "Cette opération n'est pas possible dans l'état actuel. Veuillez recharger les \
             données et les vérifier avant de continuer.",
        ),
        (
            "Konflikt",
            "Dies ist im aktuellen Zustand nicht möglich. Bitte laden Sie die Daten neu und \
             prüfen Sie sie, bevor Sie fortfahren.",
        ),
    ]),
    (C::PreconditionFailed, [
        (
            "Intussen gewijzigd",
            "Iemand anders heeft dit intussen gewijzigd. Laad het opnieuw en controleer het \
             voor u verdergaat.",
        ),
        (
            "Modifié entre-temps",
            "Quelqu'un d'autre a modifié cet élément entre-temps. Veuillez le recharger et \
             le vérifier avant de continuer.",
        ),
        (
            "Inzwischen geändert",
            "Jemand anderes hat dies inzwischen geändert. Bitte laden Sie es neu und prüfen \
             Sie es, bevor Sie fortfahren.",
        ),
    ]),
    (C::DuplicateSubmission, [
        (
            "Al ingediend",
            "Deze aanvraag werd al ingediend met dezelfde Idempotency-Key.",
        ),
        (
            "Déjà introduite",
            "Cette demande a déjà été introduite avec la même Idempotency-Key.",
        ),
        (
            "Bereits eingereicht",
            "Dieser Antrag wurde bereits mit demselben Idempotency-Key eingereicht.",
        ),
    ]),
    (C::DuplicateDeed, [
        ("Akte bestaat al", "Deze akte bestaat al."),
        ("Acte déjà existant", "Cet acte existe déjà."),
        ("Urkunde bereits vorhanden", "Diese Urkunde ist bereits vorhanden."),
    ]),
    (C::DeedStillMissing, [
        (
            "Akte ontbreekt nog",
            "DABS heeft deze akte nog steeds niet. Voeg ze toe in DABS en bevestig daarna \
             opnieuw; de taak blijft open.",
        ),
        (
            "Acte toujours manquant",
            "La BAEC ne contient toujours pas cet acte. Veuillez l'ajouter dans la BAEC, \
             puis confirmer à nouveau. La tâche reste ouverte.",
        ),
        (
            "Urkunde fehlt noch",
            "DABS enthält diese Urkunde noch immer nicht. Bitte fügen Sie sie in DABS hinzu \
             und bestätigen Sie dann erneut; die Aufgabe bleibt offen.",
        ),
    ]),
    (C::AdviceNotDue, [
        (
            "Advies nog niet aan de orde",
            "De politie heeft nog tijd om advies te geven. Registreer het advies pas in haar \
             naam wanneer de taak 'Advies geven' klaarstaat.",
        ),
        (
            "Avis pas encore attendu",
            "La police dispose encore du temps nécessaire pour rendre son avis. N'enregistrez \
             l'avis en son nom que lorsque la tâche « Rendre un avis » est prête.",
        ),
        (
            "Gutachten noch nicht fällig",
            "Die Polizei hat noch Zeit für ihr Gutachten. Bitte erfassen Sie es erst \
             in ihrem Namen, wenn die Aufgabe „Gutachten abgeben“ bereitsteht.",
        ),
    ]),
    (C::TaskAlreadyClaimed, [
        (
            "Taak al opgenomen",
            "Een collega heeft deze taak al opgenomen.",
        ),
        (
            "Tâche déjà prise en charge",
            "Un collègue a déjà pris cette tâche en charge.",
        ),
        (
            "Aufgabe bereits übernommen",
            "Diese Aufgabe wurde bereits von einer Kollegin oder einem Kollegen übernommen.",
        ),
    ]),
    (C::JobNotFailed, [
        (
            "Taak niet mislukt",
            "Deze achtergrondtaak is niet mislukt en kan dus niet opnieuw worden gestart.",
        ),
        (
            "Tâche non en échec",
            "Cette tâche d'arrière-plan n'a pas échoué et ne peut donc pas être relancée.",
        ),
        (
            "Auftrag nicht fehlgeschlagen",
            "Dieser Hintergrundauftrag ist nicht fehlgeschlagen und kann daher nicht erneut \
             gestartet werden.",
        ),
    ]),
        // The demo sign-in pages.
    (C::UnknownAccount, [
        (
            "Onbekende account",
            "Er bestaat geen account met deze gegevens.",
        ),
        ("Compte inconnu", "Aucun compte ne correspond à ces données."),
        ("Unbekanntes Konto", "Zu diesen Angaben gibt es kein Konto."),
    ]),
    (C::AccountDisabled, [
        ("Account uitgeschakeld", "Deze account is uitgeschakeld."),
        ("Compte désactivé", "Ce compte est désactivé."),
        ("Konto deaktiviert", "Dieses Konto ist deaktiviert."),
    ]),
        // Loket or a system it depends on.
    (C::ServiceUnavailable, [
        (
            "Dienst niet beschikbaar",
            "De dienst is op dit moment niet beschikbaar. Probeer het zo meteen opnieuw.",
        ),
        (
            "Service indisponible",
            "Le service est momentanément indisponible. Veuillez réessayer dans un instant.",
        ),
        (
            "Dienst nicht verfügbar",
            "Der Dienst ist im Moment nicht verfügbar. Bitte versuchen Sie es gleich noch \
             einmal.",
        ),
    ]),
    (C::OutsideSystemUnavailable, [
        (
            "Extern systeem niet bereikbaar",
            "Een extern systeem waarvan Loket afhangt, is niet bereikbaar. Probeer het zo \
             meteen opnieuw.",
        ),
        (
            "Système externe injoignable",
            "Un système externe dont Loket dépend est injoignable. Veuillez réessayer dans \
             un instant.",
        ),
        (
            "Externes System nicht erreichbar",
            "Ein externes System, von dem Loket abhängt, ist nicht erreichbar. Bitte \
             versuchen Sie es gleich noch einmal.",
        ),
    ]),
    (C::OutsideSystemTimeout, [
        (
            "Extern systeem antwoordt niet op tijd",
            "Een extern systeem waarvan Loket afhangt, heeft niet op tijd geantwoord. \
             Probeer het zo meteen opnieuw.",
        ),
        (
            "Système externe trop lent",
            "Un système externe dont Loket dépend n'a pas répondu à temps. Veuillez \
             réessayer dans un instant.",
        ),
        (
            "Externes System antwortet nicht rechtzeitig",
            "Ein externes System, von dem Loket abhängt, hat nicht rechtzeitig geantwortet. \
             Bitte versuchen Sie es gleich noch einmal.",
        ),
    ]),
    (C::OutsideSystemInvalidAnswer, [
        (
            "Onbruikbaar antwoord van een extern systeem",
            "Een extern systeem waarvan Loket afhangt, gaf een antwoord dat Loket niet kan \
             gebruiken. Probeer het zo meteen opnieuw.",
        ),
        (
            "Réponse inutilisable d'un système externe",
            "Un système externe dont Loket dépend a donné une réponse que Loket ne peut pas \
             utiliser. Veuillez réessayer dans un instant.",
        ),
        (
            "Unbrauchbare Antwort eines externen Systems",
            "Ein externes System, von dem Loket abhängt, hat eine Antwort gegeben, die Loket \
             nicht verwenden kann. Bitte versuchen Sie es gleich noch einmal.",
        ),
    ]),
    (C::Busy, [
        (
            "Druk bezet",
            "De dienst is op dit moment druk bezet en heeft dit verzoek niet behandeld.",
        ),
        (
            "Service surchargé",
            "Le service est très sollicité en ce moment et n'a pas traité cette requête.",
        ),
        (
            "Ausgelastet",
            "Der Dienst ist im Moment ausgelastet und hat diese Anfrage nicht bearbeitet.",
        ),
    ]),
    (C::InternalError, [
        (
            "Interne fout",
            "Er ging aan onze kant iets mis. Probeer het later opnieuw; de fout werd \
             geregistreerd.",
        ),
        (
            "Erreur interne",
            "Une erreur s'est produite de notre côté. Veuillez réessayer plus tard. \
             L'erreur a été enregistrée.",
        ),
        (
            "Interner Fehler",
            "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut; der \
             Fehler wurde protokolliert.",
        ),
    ]),
];

/// One code's words; a code without (which the tests refuse) falls back to English.
fn entry(code: ErrorCode) -> Option<Entry> {
    ENTRIES.iter().find(|(c, _)| *c == code).map(|(_, e)| *e)
}

/// The error a problem answer was made of, kept on the response so that [`localize`] can
/// write it again in the caller's language.
#[derive(Debug, Clone)]
pub struct ProblemSource(pub ApiError);

/// The middleware: writes every problem again in the language `Accept-Language` prefers,
/// with `Content-Language` to say so. English problems (the default) pass untouched.
pub async fn localize<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let language = Language::negotiate(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let response = next.call(req).await?;
    if language == Language::En {
        return Ok(response.map_into_left_body());
    }
    let problem = response
        .response()
        .extensions()
        .get::<ProblemSource>()
        .map(|source| source.0.to_problem_in(language));
    let Some(problem) = problem else {
        return Ok(response.map_into_left_body());
    };
    let body = serde_json::to_vec(&problem).map_err(actix_web::error::ErrorInternalServerError)?;
    let mut response = response.map_body(|_, _| EitherBody::right(BoxBody::new(body)));
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(language.tag()),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_title_and_a_detail_in_every_language() {
        for code in ErrorCode::ALL {
            for language in [Language::Nl, Language::Fr, Language::De] {
                let text = text(*code, language, Specifics::None)
                    .unwrap_or_else(|| panic!("{code} has no text in {language:?}"));
                assert!(!text.title.trim().is_empty(), "{code} {language:?}");
                assert!(text.detail.ends_with('.'), "{code} {language:?}");
            }
            // English is the error's own text, whatever the catalogue says.
            assert_eq!(text(*code, Language::En, Specifics::None), None);
        }
    }

    #[test]
    fn every_language_says_it_in_its_own_words() {
        for code in ErrorCode::ALL {
            let [nl, fr, de] = entry(*code).unwrap_or_else(|| panic!("{code} has no words"));
            assert!(
                nl.1 != fr.1 && fr.1 != de.1 && nl.1 != de.1,
                "{code}: a detail copied between languages"
            );
        }
    }

    #[test]
    fn accept_language_picks_by_weight_then_order() {
        let pick = |h: &str| Language::negotiate(Some(h));
        assert_eq!(Language::negotiate(None), Language::En);
        assert_eq!(pick("fr"), Language::Fr);
        assert_eq!(pick("de-DE"), Language::De);
        assert_eq!(pick("NL-be"), Language::Nl);
        assert_eq!(pick("fr-BE;q=0.9, en;q=0.8"), Language::Fr);
        assert_eq!(pick("en;q=0.5, nl;q=0.9"), Language::Nl);
        assert_eq!(pick("es, de;q=0.1"), Language::De);
        assert_eq!(pick("nl, fr"), Language::Nl);
        assert_eq!(pick("fr;q=0, de;q=0.001"), Language::De);
        assert_eq!(pick("nl;q=1.0, fr;q=1"), Language::Nl);
        assert_eq!(pick("es, ja"), Language::En);
        assert_eq!(pick("*"), Language::En);
        assert_eq!(pick("fr;q=0"), Language::En);
        assert_eq!(pick("fr;q=2, de;q=abc, nl;q=0.5"), Language::Nl);
        assert_eq!(pick(""), Language::En);
        assert_eq!(pick("frisian"), Language::En);
    }

    #[test]
    fn specifics_stay_in_every_language() {
        let wait = text(
            ErrorCode::RateLimited,
            Language::De,
            Specifics::RetryAfter(30),
        );
        assert!(wait.is_some_and(|t| t.detail.contains("in 30 Sekunden")));
        let one = text(ErrorCode::Busy, Language::Nl, Specifics::RetryAfter(1));
        assert!(one.is_some_and(|t| t.detail.contains("over 1 seconde ")));
        let system = text(
            ErrorCode::OutsideSystemTimeout,
            Language::Fr,
            Specifics::System(crate::adapters::http_systems::NATIONAL_REGISTER),
        );
        assert!(system.is_some_and(|t| t.detail.ends_with("Système concerné : Registre national.")));
        let allow = ["GET".to_owned(), "HEAD".to_owned()];
        let methods = text(
            ErrorCode::MethodNotAllowed,
            Language::Nl,
            Specifics::Allow(&allow),
        );
        assert!(methods.is_some_and(|t| t.detail.ends_with("Toegestane methoden: GET, HEAD.")));
    }
}
