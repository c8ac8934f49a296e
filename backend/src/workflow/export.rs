//! The Excel report of a search: the rows stream from the database in keyset batches into a
//! worksheet in constant-memory mode, so a large report needs no more memory than a small one.
//! Everything in it is in the exporter's language (Dutch, French, German or English): every
//! column holds words in that language, or codes, and then its title says so ("Status (code)").
use crate::db::jobs::{self, Claim, JobRow};
use crate::db::{audit, filters, search, DbConnection};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::civil::{self, Tz};
use crate::domain::history::{AccessDetails, ExportedDetails};
use crate::domain::jobs::{ExportStatus, JobKind};
use crate::domain::labels::{self, Labelled, ReportLanguage, Words};
use crate::domain::search::{Criteria, SearchParams, Sort};
use crate::domain::task::TaskType;
use crate::startup::AppState;
use chrono::NaiveDateTime;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

const BATCH: i64 = 1000;

/// The columns, titled in each language; `{zone}` is the municipality's time zone, in which
/// the times are shown.
const COLUMNS: [(Words, f64); 17] = [
    (["Referentie", "Référence", "Referenz", "Reference"], 16.0),
    (["Document", "Document", "Dokument", "Document"], 38.0),
    (["Status", "Statut", "Status", "Status"], 26.0),
    (
        ["Verwerking", "Traitement", "Bearbeitung", "Processing"],
        16.0,
    ),
    (["Kanaal", "Canal", "Kanal", "Channel"], 10.0),
    // How it was delivered, or until then how the requester asked for it.
    (
        [
            "Aflevering (gedaan, anders gevraagd)",
            "Délivrance (faite, sinon demandée)",
            "Zustellung (erfolgt, sonst gewünscht)",
            "Delivery (done, else asked)",
        ],
        20.0,
    ),
    (
        ["Aanvrager", "Demandeur", "Antragsteller", "Requester"],
        26.0,
    ),
    (
        [
            "Rijksregisternr. aanvrager",
            "N° de registre national du demandeur",
            "Nationalregisternr. Antragsteller",
            "National number of the requester",
        ],
        16.0,
    ),
    (
        [
            "Betrokkene",
            "Personne concernée",
            "Betroffene Person",
            "Person concerned",
        ],
        26.0,
    ),
    (
        [
            "Ingediend (tijd {zone})",
            "Introduite (heure {zone})",
            "Eingereicht (Zeit {zone})",
            "Submitted ({zone} time)",
        ],
        18.0,
    ),
    (
        [
            "Afgerond (tijd {zone})",
            "Clôturée (heure {zone})",
            "Abgeschlossen (Zeit {zone})",
            "Finished ({zone} time)",
        ],
        18.0,
    ),
    (
        [
            "Doorlooptijd (dagen)",
            "Durée de traitement (jours)",
            "Bearbeitungsdauer (Tage)",
            "Lead time (days)",
        ],
        12.0,
    ),
    (
        [
            "Open taken",
            "Tâches ouvertes",
            "Offene Aufgaben",
            "Open tasks",
        ],
        30.0,
    ),
    (
        [
            "Toegewezen aan",
            "Attribuée à",
            "Zugewiesen an",
            "Assigned to",
        ],
        22.0,
    ),
    (
        [
            "Rijksregisternr. betrokkene",
            "N° de registre national de la personne concernée",
            "Nationalregisternr. betroffene Person",
            "National number of the person concerned",
        ],
        16.0,
    ),
    (
        [
            "Documenttype (code)",
            "Type de document (code)",
            "Dokumentart (Code)",
            "Document type (code)",
        ],
        24.0,
    ),
    (
        [
            "Status (code)",
            "Statut (code)",
            "Status (Code)",
            "Status (code)",
        ],
        20.0,
    ),
];

/// The sheets: the requests, and what the report is of.
const REQUESTS_SHEET: Words = ["Aanvragen", "Demandes", "Anträge", "Requests"];
const CRITERIA_SHEET: Words = ["Criteria", "Critères", "Kriterien", "Criteria"];

/// The file's name before its date: `aanvragen-20260304-1015.xlsx`. ASCII only (`antraege`,
/// not `anträge`), as the download's `Content-Disposition` header gives it as a plain
/// `filename`.
pub const FILE_STEM: Words = ["aanvragen", "demandes", "antraege", "requests"];

/// What a report is of: the criteria as given and as parsed, the order, the zone whose local
/// time its times are in, and the language it is written in.
pub struct Report<'a> {
    pub params: &'a SearchParams,
    pub criteria: &'a Criteria,
    pub sort: Sort,
    pub time_zone: Tz,
    pub language: ReportLanguage,
}

/// The criteria's labels on the second sheet, in the order of [`criteria_rows`].
const CRITERIA_LABELS: [Words; 16] = [
    ["Referentie", "Référence", "Referenz", "Reference"],
    ["Naam", "Nom", "Name", "Name"],
    [
        "Rijksregisternummer",
        "Numéro de registre national",
        "Nationalregisternummer",
        "National number",
    ],
    [
        "Documenttype",
        "Type de document",
        "Dokumentart",
        "Document type",
    ],
    ["Status", "Statut", "Status", "Status"],
    ["Kanaal", "Canal", "Kanal", "Channel"],
    ["Aflevering", "Délivrance", "Zustellung", "Delivery"],
    ["Verwerking", "Traitement", "Bearbeitung", "Processing"],
    [
        "Ingediend vanaf",
        "Introduite à partir du",
        "Eingereicht ab",
        "Submitted from",
    ],
    [
        "Ingediend tot en met",
        "Introduite jusqu'au",
        "Eingereicht bis einschließlich",
        "Submitted up to",
    ],
    [
        "Afgerond vanaf",
        "Clôturée à partir du",
        "Abgeschlossen ab",
        "Finished from",
    ],
    [
        "Afgerond tot en met",
        "Clôturée jusqu'au",
        "Abgeschlossen bis einschließlich",
        "Finished up to",
    ],
    ["Open taak", "Tâche ouverte", "Offene Aufgabe", "Open task"],
    [
        "Toegewezen aan",
        "Attribuée à",
        "Zugewiesen an",
        "Assigned to",
    ],
    ["Vrije tekst", "Texte libre", "Freitext", "Free text"],
    ["Module", "Module", "Modul", "Module"],
];

/// Labels of the criteria for the second sheet.
fn criteria_rows(p: &SearchParams) -> Vec<(Words, String)> {
    let values: [&Option<String>; 16] = [
        &p.reference,
        &p.name,
        &p.national_number,
        &p.document_type,
        &p.status,
        &p.channel,
        &p.delivery,
        &p.processing,
        &p.submitted_from,
        &p.submitted_to,
        &p.finished_from,
        &p.finished_to,
        &p.task_type,
        &p.assignee,
        &p.q,
        &p.module,
    ];
    CRITERIA_LABELS
        .into_iter()
        .zip(values)
        .filter_map(|(label, v)| v.clone().map(|v| (label, v)))
        .collect()
}

struct Formats {
    header: Format,
    datetime: Format,
    days: Format,
    /// The zone the times are shown in.
    time_zone: Tz,
    /// The language of the titles and labels.
    language: ReportLanguage,
}

impl Formats {
    fn new(time_zone: Tz, language: ReportLanguage) -> Self {
        Self {
            time_zone,
            language,
            header: Format::new()
                .set_bold()
                .set_background_color("FFE615")
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
            days: Format::new().set_num_format("0.0"),
        }
    }
}

type Sheet = rust_xlsxwriter::Worksheet;

fn err(e: XlsxError) -> String {
    e.to_string()
}

fn db(e: diesel::result::Error) -> String {
    e.to_string()
}

/// One request on one row, its times in the municipality's local time.
fn write_hit(
    sheet: &mut Sheet,
    row: u32,
    hit: &search::Hit,
    document_name: &str,
    open: &[(TaskType, Option<(i64, String)>)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let (local, language) = (|t| civil::local_datetime(t, f.time_zone), f.language);
    let delivery = hit.delivery_method.unwrap_or(hit.delivery_preference);
    let texts: [(u16, &str); 10] = [
        (0, &hit.reference),
        (1, document_name),
        (2, hit.status.label_in(language)),
        (3, hit.processing.label_in(language)),
        (4, hit.submitted_via.label_in(language)),
        (5, delivery.label_in(language)),
        (6, &hit.requester_name),
        (8, &hit.subject_name),
        (15, &hit.document_type_code),
        (16, hit.status.as_str()),
    ];
    for (col, value) in texts {
        sheet.write_string(row, col, value)?;
    }
    if let Some(n) = &hit.requester_national_number {
        sheet.write_string(row, 7, n)?;
    }
    if let Some(n) = &hit.subject_national_number {
        sheet.write_string(row, 14, n)?;
    }
    sheet.write_datetime_with_format(row, 9, local(hit.submitted_at), &f.datetime)?;
    if let Some(finished) = hit.finished_at {
        sheet.write_datetime_with_format(row, 10, local(finished), &f.datetime)?;
        let elapsed = (finished - hit.submitted_at).num_seconds() as f64 / 86_400.0;
        sheet.write_number_with_format(row, 11, elapsed, &f.days)?;
    }
    let task_labels: Vec<&str> = open.iter().map(|(t, _)| t.label_in(language)).collect();
    if !task_labels.is_empty() {
        sheet.write_string(row, 12, task_labels.join(", "))?;
    }
    let assignees: Vec<String> = open
        .iter()
        .filter_map(|(_, a)| a.as_ref().map(|(_, name)| name.clone()))
        .collect();
    if !assignees.is_empty() {
        sheet.write_string(row, 13, assignees.join(", "))?;
    }
    Ok(())
}

/// The first sheet: one row per request, in batches; returns the number of rows.
fn write_requests(
    conn: &mut DbConnection,
    sheet: &mut Sheet,
    criteria: &Criteria,
    sort: Sort,
    f: &Formats,
    progress: &mut impl FnMut(&mut DbConnection, i64) -> Result<(), String>,
) -> Result<u32, String> {
    let names = crate::db::catalogue::names(conn).map_err(db)?;
    sheet
        .set_name(f.language.pick(&REQUESTS_SHEET))
        .map_err(err)?;
    for (col, (titles, width)) in COLUMNS.iter().enumerate() {
        let title = f
            .language
            .pick(titles)
            .replace("{zone}", f.time_zone.name());
        sheet.set_column_width(col as u16, *width).map_err(err)?;
        sheet
            .write_string_with_format(0, col as u16, title, &f.header)
            .map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    let mut row: u32 = 0;
    let mut after = None;
    let plan = search::plan(conn, criteria).map_err(db)?;
    loop {
        let hits =
            search::page_in(conn, criteria, plan, sort, after.as_ref(), BATCH).map_err(db)?;
        let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
        let tasks = search::open_tasks(conn, &ids).map_err(db)?;
        for hit in &hits {
            row += 1;
            let code = &hit.document_type_code;
            let catalogue_name = names.get(code).unwrap_or(code);
            let name = labels::document_type_name(code, catalogue_name, f.language);
            let open = tasks.get(&hit.id).map(Vec::as_slice).unwrap_or_default();
            write_hit(sheet, row, hit, name, open, f).map_err(err)?;
        }
        progress(conn, i64::from(row))?;
        after = hits.last().map(|h| h.cursor(sort));
        if (hits.len() as i64) < BATCH {
            break;
        }
    }
    sheet
        .autofilter(0, 0, row, (COLUMNS.len() - 1) as u16)
        .map_err(err)?;
    Ok(row)
}

/// The second sheet: the criteria, when and by whom, how many rows.
/// The criteria sheet's column titles.
const CRITERIA_TITLES: [Words; 2] = [
    ["Criterium", "Critère", "Kriterium", "Criterion"],
    [
        "Waarde (zoals opgegeven)",
        "Valeur (telle que saisie)",
        "Wert (wie eingegeben)",
        "Value (as given)",
    ],
];
/// The one line of a search without criteria.
const NO_CRITERIA: Words = ["(geen)", "(aucun)", "(keine)", "(none)"];
const ALL_REQUESTS: Words = [
    "alle aanvragen",
    "toutes les demandes",
    "alle Anträge",
    "all requests",
];

fn write_criteria(
    about: &mut Sheet,
    params: &SearchParams,
    exported_by: &str,
    now: NaiveDateTime,
    rows: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    let words = |w: Words| f.language.pick(&w);
    about.set_name(words(CRITERIA_SHEET))?;
    about.set_column_width(0, 24)?;
    about.set_column_width(1, 50)?;
    for (col, title) in (0u16..).zip(CRITERIA_TITLES) {
        about.write_string_with_format(0, col, words(title), &f.header)?;
    }
    let mut lines = criteria_rows(params);
    if lines.is_empty() {
        lines.push((NO_CRITERIA, words(ALL_REQUESTS).into()));
    }
    for (line, (label, value)) in (1u32..).zip(&lines) {
        about.write_string(line, 0, words(*label))?;
        about.write_string(line, 1, value)?;
    }
    let line = lines.len() as u32 + 2;
    let exported_at = [
        "Geëxporteerd op (tijd {zone})",
        "Exporté le (heure {zone})",
        "Exportiert am (Zeit {zone})",
        "Exported at ({zone} time)",
    ];
    about.write_string(
        line,
        0,
        words(exported_at).replace("{zone}", f.time_zone.name()),
    )?;
    about.write_datetime_with_format(
        line,
        1,
        civil::local_datetime(now, f.time_zone),
        &f.datetime,
    )?;
    about.write_string(
        line + 1,
        0,
        words([
            "Geëxporteerd door",
            "Exporté par",
            "Exportiert von",
            "Exported by",
        ]),
    )?;
    about.write_string(line + 1, 1, exported_by)?;
    about.write_string(
        line + 2,
        0,
        words([
            "Aantal rijen",
            "Nombre de lignes",
            "Anzahl Zeilen",
            "Number of rows",
        ]),
    )?;
    about.write_number(line + 2, 1, f64::from(rows))?;
    Ok(())
}

/// Writes the report to a temporary file (the rows sheet goes out row by row as well, so a
/// report of any size takes the same memory) and returns it read from its start, with the
/// number of rows; `progress` is told how many rows are written after every batch (and stops
/// the report by returning an error).
pub fn write(
    conn: &mut DbConnection,
    report: &Report,
    exported_by: &str,
    now: NaiveDateTime,
    mut progress: impl FnMut(&mut DbConnection, i64) -> Result<(), String>,
) -> Result<(std::fs::File, i64), String> {
    use std::io::Seek;
    let f = Formats::new(report.time_zone, report.language);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory().map_err(err)?;
    let (criteria, sort) = (report.criteria, report.sort);
    let rows = write_requests(conn, sheet, criteria, sort, &f, &mut progress)?;
    let about = workbook.add_worksheet();
    write_criteria(about, report.params, exported_by, now, rows, &f).map_err(err)?;
    let mut file = tempfile::tempfile().map_err(|e| e.to_string())?;
    workbook.save_to_writer(&mut file).map_err(err)?;
    file.rewind().map_err(|e| e.to_string())?;
    Ok((file, i64::from(rows)))
}

/// How long an export's job is reserved for the worker making it; renewed after every batch.
const LEASE_SECONDS: i64 = 120;
/// Attempts at an export whose worker keeps dying before it is given up on.
pub const MAX_ATTEMPTS: i32 = 3;

/// The exporters of this instance: at most `EXPORT_CONCURRENCY` reports are made at once; one
/// waiting for its turn holds no database connection.
#[derive(Clone)]
pub struct Slots(std::sync::Arc<tokio::sync::Semaphore>);

impl Slots {
    pub fn new(concurrency: usize) -> Self {
        Self(std::sync::Arc::new(tokio::sync::Semaphore::new(
            concurrency.max(1),
        )))
    }
}

/// What staff see when an export could not be finished because its instance stopped.
pub fn interrupted(attempts: i32) -> String {
    format!("The report was interrupted: the instance making it stopped ({attempts} attempts). Start the export again.")
}

/// Starts the export job `job` right after it was committed, once a slot is free.
pub fn start(state: &std::sync::Arc<AppState>, job: i64) {
    let state = std::sync::Arc::clone(state);
    tokio::spawn(async move {
        let Ok(_permit) = state.exports.0.clone().acquire_owned().await else {
            return;
        };
        run_waiting(&state, Claim::Ids(&[job])).await;
    });
}

/// Starts due exports (e.g. one left by an instance that died) while this instance has free
/// slots; each runs on its own connection.
pub fn start_due(state: &std::sync::Arc<AppState>) {
    let Ok(permit) = state.exports.0.clone().try_acquire_owned() else {
        return;
    };
    let state = std::sync::Arc::clone(state);
    tokio::spawn(async move {
        let ran = run_waiting(&state, Claim::Kind(JobKind::ExportReport)).await;
        drop(permit);
        if ran > 0 {
            start_due(&state);
        }
    });
}

/// Claims and runs one export job (the caller holds a slot); returns how many ran.
async fn run_waiting(state: &std::sync::Arc<AppState>, which: Claim<'_>) -> usize {
    let (worker_state, which) = (std::sync::Arc::clone(state), OwnedClaim::from(which));
    let result = crate::db::blocking(&state.pool, move |conn| {
        Ok::<_, super::WorkflowError>(super::jobs::run_next(
            conn,
            &worker_state,
            which.as_claim(),
        )?)
    })
    .await;
    result.unwrap_or_else(|e| {
        tracing::error!(error = %e, "running an export failed; another worker will take it over");
        0
    })
}

/// A [`Claim`] that can move to the blocking pool.
enum OwnedClaim {
    Ids(Vec<i64>),
    Kind(JobKind),
}

impl From<Claim<'_>> for OwnedClaim {
    fn from(which: Claim) -> Self {
        match which {
            Claim::Ids(ids) => Self::Ids(ids.to_vec()),
            Claim::Kind(kind) | Claim::AllBut(kind) => Self::Kind(kind),
        }
    }
}

impl OwnedClaim {
    fn as_claim(&self) -> Claim<'_> {
        match self {
            Self::Ids(ids) => Claim::Ids(ids),
            Self::Kind(kind) => Claim::Kind(*kind),
        }
    }
}

/// The job: makes the export named by the payload, renewing its lease after every batch. A
/// worker that lost its lease (another took the export over) stops and records nothing.
pub fn run_job(conn: &mut DbConnection, state: &AppState, job: &JobRow) -> Result<(), String> {
    let id = job.payload.as_str();
    let Some(row) = filters::export(conn, id).map_err(db)? else {
        return Ok(());
    };
    if row.status != ExportStatus::Running {
        return Ok(());
    }
    let (criteria, sort, language) = filters::export_order(conn, id).map_err(db)?;
    let params: SearchParams = serde_json::from_str(&criteria).map_err(|e| e.to_string())?;
    let time_zone = state.config.time_zone;
    let mut parsed = Criteria::parse(&params, row.user_id, time_zone)
        .map_err(|_| "the criteria are no longer valid".to_owned())?;
    // An API client's report holds only the document types it may see.
    if let Some(client) = crate::db::clients::by_user(conn, row.user_id).map_err(db)? {
        if let Some(allowed) = client.document_types() {
            parsed.restrict_to(&allowed);
        }
    }
    let sort = Sort::parse(sort.as_deref()).map_err(|_| "the sort is no longer valid")?;
    let user = crate::db::users::by_id(conn, row.user_id)
        .map_err(db)?
        .ok_or("the exporter's account is gone")?;
    let actor = Actor::signed_in(user.role, user.id, &user.display_name);
    let report = Report {
        params: &params,
        criteria: &parsed,
        sort,
        time_zone,
        language: language.unwrap_or_default(),
    };
    let lease = Lease {
        job: job.id,
        worker: job.locked_by.clone().unwrap_or_default(),
        clock: state.clock.as_ref(),
    };
    lease.renew(conn)?;
    filters::export_progress(conn, id, 0).map_err(db)?;
    run(conn, id, &report, &actor, row.created_at, &lease).map(|_| ())
}

/// The worker's hold on an export's job.
struct Lease<'a> {
    job: i64,
    worker: String,
    clock: &'a dyn crate::clock::Clock,
}

impl Lease<'_> {
    fn renew(&self, conn: &mut DbConnection) -> Result<(), String> {
        let until = self.clock.now_naive() + chrono::Duration::seconds(LEASE_SECONDS);
        match jobs::renew(conn, self.job, &self.worker, until).map_err(db)? {
            true => Ok(()),
            false => Err("the export was taken over by another worker".into()),
        }
    }
}

/// Runs an export that was registered in `exports`, keeping its progress up to date; a
/// finished report is recorded in the audit trail with its criteria, by the holder of its
/// lease only.
fn run(
    conn: &mut DbConnection,
    id: &str,
    report: &Report,
    actor: &Actor,
    now: NaiveDateTime,
    lease: &Lease,
) -> Result<i64, String> {
    let result = write(conn, report, &actor.name, now, |conn, rows| {
        lease.renew(conn)?;
        if let Err(e) = filters::export_progress(conn, id, rows) {
            tracing::warn!(error = %e, "could not record export progress");
        }
        Ok(())
    });
    let rows = result.as_ref().map(|(_, rows)| *rows).unwrap_or_default();
    let done = result.is_ok();
    let mut result = result;
    let finished = lease.clock.now_naive();
    crate::db::write_transaction(conn, |conn| {
        // Only the lease holder records the report; a late worker rolls back.
        lease
            .renew(conn)
            .map_err(|_| diesel::result::Error::RollbackTransaction)?;
        let file = match &mut result {
            Ok((file, _)) => Ok(file as &mut dyn std::io::Read),
            Err(e) => Err(e.clone()),
        };
        filters::finish_export(conn, id, file, rows, finished)?;
        if done {
            let details = AccessDetails::Exported(ExportedDetails {
                criteria: report.params.clone(),
                rows,
                language: Some(report.language),
            });
            let event = AuditEvent::new(actor, AuditAction::Exported, AuditEntity::Export, id)
                .details(details);
            audit::record(conn, finished, &event)?;
        }
        Ok(rows)
    })
    .map_err(|e| match e {
        diesel::result::Error::RollbackTransaction => {
            "the export was taken over by another worker".to_owned()
        }
        e => db(e),
    })
}

/// Ends exports no worker will finish: given up on, or left running without a job.
pub fn give_up(conn: &mut DbConnection, id: &str, error: &str, now: NaiveDateTime) {
    match filters::fail_running_export(conn, id, error, now) {
        Ok(true) => tracing::warn!(export = %id, "export given up on"),
        Ok(false) => {}
        Err(e) => tracing::error!(error = %e, export = %id, "could not end the export"),
    }
}

/// Fails the running exports that no job will finish (left by a version that ran them
/// outside the job queue, or whose job is gone).
pub fn fail_orphans(conn: &mut DbConnection, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    let orphans = filters::orphaned_exports(conn)?;
    for id in &orphans {
        give_up(conn, id, &interrupted(1), now);
    }
    Ok(orphans.len())
}
