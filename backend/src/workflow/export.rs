//! The Excel report of a search: the rows stream from the database in keyset batches into a
//! worksheet in constant-memory mode, so a large report needs no more memory than a small one.
use crate::db::{audit, filters, search, DbConnection};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::civil::{self, Tz};
use crate::domain::request::Processing;
use crate::domain::search::{Criteria, SearchParams, Sort};
use crate::domain::task::TaskType;
use chrono::NaiveDateTime;
use diesel::Connection;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

const BATCH: i64 = 1000;

/// The columns; `{zone}` is the municipality's time zone, in which the times are shown.
const COLUMNS: [(&str, f64); 15] = [
    ("Referentie", 16.0),
    ("Document", 38.0),
    ("Status", 26.0),
    ("Verwerking", 12.0),
    ("Kanaal", 8.0),
    ("Aflevering", 11.0),
    ("Aanvrager", 26.0),
    ("Rijksregisternr. aanvrager", 16.0),
    ("Betrokkene", 26.0),
    ("Ingediend (tijd {zone})", 18.0),
    ("Afgerond (tijd {zone})", 18.0),
    ("Doorlooptijd (dagen)", 12.0),
    ("Open taken", 30.0),
    ("Toegewezen aan", 22.0),
    ("Rijksregisternr. betrokkene", 16.0),
];

/// What a report is of: the criteria as given and as parsed, the order, and the zone whose
/// local time its times are in.
pub struct Report<'a> {
    pub params: &'a SearchParams,
    pub criteria: &'a Criteria,
    pub sort: Sort,
    pub time_zone: Tz,
}

/// Labels of the criteria for the second sheet.
fn criteria_rows(p: &SearchParams) -> Vec<(&'static str, String)> {
    let fields: [(&str, &Option<String>); 16] = [
        ("Referentie", &p.reference),
        ("Naam", &p.name),
        ("Rijksregisternummer", &p.national_number),
        ("Documenttype", &p.document_type),
        ("Status", &p.status),
        ("Kanaal", &p.channel),
        ("Aflevering", &p.delivery),
        ("Verwerking", &p.processing),
        ("Ingediend vanaf", &p.submitted_from),
        ("Ingediend tot en met", &p.submitted_to),
        ("Afgerond vanaf", &p.finished_from),
        ("Afgerond tot en met", &p.finished_to),
        ("Open taak", &p.task_type),
        ("Toegewezen aan", &p.assignee),
        ("Vrije tekst", &p.q),
        ("Module", &p.module),
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
}

impl Formats {
    fn new(time_zone: Tz) -> Self {
        Self {
            time_zone,
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
    let local = |t| civil::local_datetime(t, f.time_zone);
    let processing = match hit.processing {
        Processing::Automatic => "automatisch",
        Processing::Manual => "manueel",
    };
    let delivery = hit.delivery_method.unwrap_or(hit.delivery_preference);
    let texts: [(u16, &str); 8] = [
        (0, &hit.reference),
        (1, document_name),
        (2, hit.status.label()),
        (3, processing),
        (4, hit.submitted_via.as_str()),
        (5, delivery.as_str()),
        (6, &hit.requester_name),
        (8, &hit.subject_name),
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
    let task_labels: Vec<&str> = open.iter().map(|(t, _)| t.label()).collect();
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
    sheet.set_name("Aanvragen").map_err(err)?;
    for (col, (title, width)) in COLUMNS.iter().enumerate() {
        let title = title.replace("{zone}", f.time_zone.name());
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
            let name = names
                .get(&hit.document_type_code)
                .unwrap_or(&hit.document_type_code);
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
    about.set_name("Criteria")?;
    about.set_column_width(0, 24)?;
    about.set_column_width(1, 50)?;
    about.write_string_with_format(0, 0, "Criterium", &f.header)?;
    about.write_string_with_format(0, 1, "Waarde", &f.header)?;
    let mut lines = criteria_rows(params);
    if lines.is_empty() {
        lines.push(("(geen)", "alle aanvragen".into()));
    }
    for (line, (label, value)) in (1u32..).zip(&lines) {
        about.write_string(line, 0, *label)?;
        about.write_string(line, 1, value)?;
    }
    let line = lines.len() as u32 + 2;
    let zone = f.time_zone.name();
    about.write_string(line, 0, format!("Geëxporteerd op (tijd {zone})"))?;
    about.write_datetime_with_format(
        line,
        1,
        civil::local_datetime(now, f.time_zone),
        &f.datetime,
    )?;
    about.write_string(line + 1, 0, "Geëxporteerd door")?;
    about.write_string(line + 1, 1, exported_by)?;
    about.write_string(line + 2, 0, "Aantal rijen")?;
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
    let f = Formats::new(report.time_zone);
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
            let event = AuditEvent::new(actor, AuditAction::Exported, AuditEntity::Export, id)
                .details(serde_json::json!({ "criteria": report.params, "rows": rows }));
            audit::record(conn, now, &event)?;
        }
        Ok(rows)
    })
}
