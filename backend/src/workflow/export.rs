//! The Excel report of a search: the rows stream from the database in keyset batches into a
//! worksheet in constant-memory mode, so a large report needs no more memory than a small one.
//! Everything in it is in the exporter's language (Dutch, French or English): every column
//! holds words in that language, or codes, and then its title says so ("Status (code)").
use crate::db::{audit, filters, search, DbConnection};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::civil::{self, Tz};
use crate::domain::history::{AccessDetails, ExportedDetails};
use crate::domain::labels::{self, Labelled, ReportLanguage, Words};
use crate::domain::search::{Criteria, SearchParams, Sort};
use crate::domain::task::TaskType;
use chrono::NaiveDateTime;
use diesel::Connection;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

const BATCH: i64 = 1000;

/// The columns, titled in each language; `{zone}` is the municipality's time zone, in which
/// the times are shown.
const COLUMNS: [(Words, f64); 17] = [
    (["Referentie", "Référence", "Reference"], 16.0),
    (["Document", "Document", "Document"], 38.0),
    (["Status", "Statut", "Status"], 26.0),
    (["Verwerking", "Traitement", "Processing"], 16.0),
    (["Kanaal", "Canal", "Channel"], 10.0),
    (["Aflevering", "Délivrance", "Delivery"], 16.0),
    (["Aanvrager", "Demandeur", "Requester"], 26.0),
    (
        [
            "Rijksregisternr. aanvrager",
            "N° de registre national du demandeur",
            "National number of the requester",
        ],
        16.0,
    ),
    (
        ["Betrokkene", "Personne concernée", "Person concerned"],
        26.0,
    ),
    (
        [
            "Ingediend (tijd {zone})",
            "Introduite (heure {zone})",
            "Submitted ({zone} time)",
        ],
        18.0,
    ),
    (
        [
            "Afgerond (tijd {zone})",
            "Clôturée (heure {zone})",
            "Finished ({zone} time)",
        ],
        18.0,
    ),
    (
        [
            "Doorlooptijd (dagen)",
            "Durée de traitement (jours)",
            "Lead time (days)",
        ],
        12.0,
    ),
    (["Open taken", "Tâches ouvertes", "Open tasks"], 30.0),
    (["Toegewezen aan", "Attribuée à", "Assigned to"], 22.0),
    (
        [
            "Rijksregisternr. betrokkene",
            "N° de registre national de la personne concernée",
            "National number of the person concerned",
        ],
        16.0,
    ),
    (
        [
            "Documenttype (code)",
            "Type de document (code)",
            "Document type (code)",
        ],
        24.0,
    ),
    (["Status (code)", "Statut (code)", "Status (code)"], 20.0),
];

/// The sheets: the requests, and what the report is of.
const REQUESTS_SHEET: Words = ["Aanvragen", "Demandes", "Requests"];
const CRITERIA_SHEET: Words = ["Criteria", "Critères", "Criteria"];

/// The file's name before its date: `aanvragen-20260304-1015.xlsx`.
pub const FILE_STEM: Words = ["aanvragen", "demandes", "requests"];

/// What a report is of: the criteria as given and as parsed, the order, the zone whose local
/// time its times are in, and the language it is written in.
pub struct Report<'a> {
    pub params: &'a SearchParams,
    pub criteria: &'a Criteria,
    pub sort: Sort,
    pub time_zone: Tz,
    pub language: ReportLanguage,
}

/// Labels of the criteria for the second sheet.
fn criteria_rows(p: &SearchParams) -> Vec<(Words, String)> {
    let fields: [(Words, &Option<String>); 16] = [
        (["Referentie", "Référence", "Reference"], &p.reference),
        (["Naam", "Nom", "Name"], &p.name),
        (
            [
                "Rijksregisternummer",
                "Numéro de registre national",
                "National number",
            ],
            &p.national_number,
        ),
        (
            ["Documenttype", "Type de document", "Document type"],
            &p.document_type,
        ),
        (["Status", "Statut", "Status"], &p.status),
        (["Kanaal", "Canal", "Channel"], &p.channel),
        (["Aflevering", "Délivrance", "Delivery"], &p.delivery),
        (["Verwerking", "Traitement", "Processing"], &p.processing),
        (
            [
                "Ingediend vanaf",
                "Introduite à partir du",
                "Submitted from",
            ],
            &p.submitted_from,
        ),
        (
            [
                "Ingediend tot en met",
                "Introduite jusqu'au",
                "Submitted up to",
            ],
            &p.submitted_to,
        ),
        (
            ["Afgerond vanaf", "Clôturée à partir du", "Finished from"],
            &p.finished_from,
        ),
        (
            ["Afgerond tot en met", "Clôturée jusqu'au", "Finished up to"],
            &p.finished_to,
        ),
        (["Open taak", "Tâche ouverte", "Open task"], &p.task_type),
        (
            ["Toegewezen aan", "Attribuée à", "Assigned to"],
            &p.assignee,
        ),
        (["Vrije tekst", "Texte libre", "Free text"], &p.q),
        (["Module", "Module", "Module"], &p.module),
    ];
    fields
        .into_iter()
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
    progress: &mut impl FnMut(&mut DbConnection, i64),
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
    loop {
        let hits = search::page(conn, criteria, sort, after.as_ref(), BATCH).map_err(db)?;
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
        progress(conn, i64::from(row));
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
    let titles = [
        ["Criterium", "Critère", "Criterion"],
        [
            "Waarde (zoals opgegeven)",
            "Valeur (telle que saisie)",
            "Value (as given)",
        ],
    ];
    for (col, title) in (0u16..).zip(titles) {
        about.write_string_with_format(0, col, words(title), &f.header)?;
    }
    let mut lines = criteria_rows(params);
    if lines.is_empty() {
        let all = ["alle aanvragen", "toutes les demandes", "all requests"];
        lines.push((["(geen)", "(aucun)", "(none)"], words(all).into()));
    }
    for (line, (label, value)) in (1u32..).zip(&lines) {
        about.write_string(line, 0, words(*label))?;
        about.write_string(line, 1, value)?;
    }
    let line = lines.len() as u32 + 2;
    let exported_at = [
        "Geëxporteerd op (tijd {zone})",
        "Exporté le (heure {zone})",
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
        words(["Geëxporteerd door", "Exporté par", "Exported by"]),
    )?;
    about.write_string(line + 1, 1, exported_by)?;
    about.write_string(
        line + 2,
        0,
        words(["Aantal rijen", "Nombre de lignes", "Number of rows"]),
    )?;
    about.write_number(line + 2, 1, f64::from(rows))?;
    Ok(())
}

/// Writes the report; `progress` is told how many rows are written after every batch.
pub fn write(
    conn: &mut DbConnection,
    report: &Report,
    exported_by: &str,
    now: NaiveDateTime,
    mut progress: impl FnMut(&mut DbConnection, i64),
) -> Result<(Vec<u8>, i64), String> {
    let f = Formats::new(report.time_zone, report.language);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory().map_err(err)?;
    let (criteria, sort) = (report.criteria, report.sort);
    let rows = write_requests(conn, sheet, criteria, sort, &f, &mut progress)?;
    let about = workbook.add_worksheet();
    write_criteria(about, report.params, exported_by, now, rows, &f).map_err(err)?;
    let bytes = workbook.save_to_buffer().map_err(err)?;
    Ok((bytes, i64::from(rows)))
}

/// Runs an export that was registered in `exports`, keeping its progress up to date; a
/// finished report is recorded in the audit trail with its criteria.
pub fn run(
    conn: &mut DbConnection,
    id: &str,
    report: &Report,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<i64, diesel::result::Error> {
    let result = write(conn, report, &actor.name, now, |conn, rows| {
        if let Err(e) = filters::export_progress(conn, id, rows) {
            tracing::warn!(error = %e, "could not record export progress");
        }
    });
    let rows = result.as_ref().map(|(_, rows)| *rows).unwrap_or_default();
    let done = result.is_ok();
    conn.transaction(|conn| {
        filters::finish_export(conn, id, result.map(|(bytes, _)| bytes), rows, now)?;
        if done {
            let details = AccessDetails::Exported(ExportedDetails {
                criteria: report.params.clone(),
                rows,
                language: Some(report.language),
            });
            let event = AuditEvent::new(actor, AuditAction::Exported, AuditEntity::Export, id)
                .details(details);
            audit::record(conn, now, &event)?;
        }
        Ok(rows)
    })
}
