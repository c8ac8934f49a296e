//! The Excel report of a search: the rows stream from the database in keyset batches into a
//! worksheet in constant-memory mode, so a large report needs no more memory than a small one.
use crate::api::tasks::task_label;
use crate::db::{filters, search, DbConnection};
use crate::domain::request::Status;
use crate::domain::search::{Criteria, SearchParams, Sort};
use chrono::NaiveDateTime;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

const BATCH: i64 = 1000;

const COLUMNS: [(&str, f64); 14] = [
    ("Referentie", 16.0),
    ("Document", 38.0),
    ("Status", 26.0),
    ("Verwerking", 12.0),
    ("Kanaal", 8.0),
    ("Aflevering", 11.0),
    ("Aanvrager", 26.0),
    ("Rijksregisternr. aanvrager", 16.0),
    ("Betrokkene", 26.0),
    ("Ingediend (UTC)", 18.0),
    ("Afgerond (UTC)", 18.0),
    ("Doorlooptijd (dagen)", 12.0),
    ("Open taken", 30.0),
    ("Toegewezen aan", 22.0),
];

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

/// Writes the report; `progress` is told how many rows are written after every batch.
pub fn write(
    conn: &mut DbConnection,
    params: &SearchParams,
    criteria: &Criteria,
    sort: Sort,
    exported_by: &str,
    now: NaiveDateTime,
    mut progress: impl FnMut(&mut DbConnection, i64),
) -> Result<(Vec<u8>, i64), String> {
    let err = |e: XlsxError| e.to_string();
    let db = |e: diesel::result::Error| e.to_string();
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color("FFE615")
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let datetime = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let days = Format::new().set_num_format("0.0");
    let names = crate::db::catalogue::names(conn).map_err(db)?;

    let sheet = workbook.add_worksheet_with_constant_memory().map_err(err)?;
    sheet.set_name("Aanvragen").map_err(err)?;
    for (col, (title, width)) in COLUMNS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width).map_err(err)?;
        sheet
            .write_string_with_format(0, col as u16, *title, &header)
            .map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;

    let mut row: u32 = 0;
    let mut after = None;
    loop {
        let hits = search::page(conn, criteria, sort, after.as_ref(), BATCH).map_err(db)?;
        if hits.is_empty() {
            break;
        }
        let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
        let tasks = search::open_tasks(conn, &ids).map_err(db)?;
        for hit in &hits {
            row += 1;
            let status = Status::parse(&hit.status)
                .map(|s| s.label())
                .unwrap_or(&hit.status);
            let open = tasks.get(&hit.id).cloned().unwrap_or_default();
            let task_labels: Vec<&str> = open.iter().map(|(t, _)| task_label(t)).collect();
            let assignees: Vec<String> = open.iter().filter_map(|(_, a)| a.clone()).collect();
            let texts: [(u16, &str); 8] = [
                (0, &hit.reference),
                (
                    1,
                    names
                        .get(&hit.document_type_code)
                        .map(String::as_str)
                        .unwrap_or(&hit.document_type_code),
                ),
                (2, status),
                (
                    3,
                    if hit.processing == "automatic" {
                        "automatisch"
                    } else {
                        "manueel"
                    },
                ),
                (4, &hit.submitted_via),
                (
                    5,
                    hit.delivery_method
                        .as_deref()
                        .unwrap_or(&hit.delivery_preference),
                ),
                (6, &hit.requester_name),
                (8, &hit.subject_name),
            ];
            for (col, value) in texts {
                sheet.write_string(row, col, value).map_err(err)?;
            }
            if let Some(n) = &hit.requester_national_number {
                sheet.write_string(row, 7, n).map_err(err)?;
            }
            sheet
                .write_datetime_with_format(row, 9, hit.submitted_at, &datetime)
                .map_err(err)?;
            if let Some(finished) = hit.finished_at {
                sheet
                    .write_datetime_with_format(row, 10, finished, &datetime)
                    .map_err(err)?;
                let elapsed = (finished - hit.submitted_at).num_seconds() as f64 / 86_400.0;
                sheet
                    .write_number_with_format(row, 11, elapsed, &days)
                    .map_err(err)?;
            }
            if !task_labels.is_empty() {
                sheet
                    .write_string(row, 12, task_labels.join(", "))
                    .map_err(err)?;
            }
            if !assignees.is_empty() {
                sheet
                    .write_string(row, 13, assignees.join(", "))
                    .map_err(err)?;
            }
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

    let about = workbook.add_worksheet();
    about.set_name("Criteria").map_err(err)?;
    about.set_column_width(0, 24).map_err(err)?;
    about.set_column_width(1, 50).map_err(err)?;
    about
        .write_string_with_format(0, 0, "Criterium", &header)
        .map_err(err)?;
    about
        .write_string_with_format(0, 1, "Waarde", &header)
        .map_err(err)?;
    let mut line = 0;
    for (label, value) in criteria_rows(params) {
        line += 1;
        about.write_string(line, 0, label).map_err(err)?;
        about.write_string(line, 1, value).map_err(err)?;
    }
    if line == 0 {
        line += 1;
        about.write_string(line, 0, "(geen)").map_err(err)?;
        about.write_string(line, 1, "alle aanvragen").map_err(err)?;
    }
    line += 2;
    about
        .write_string(line, 0, "Geëxporteerd op (UTC)")
        .map_err(err)?;
    about
        .write_datetime_with_format(line, 1, now, &datetime)
        .map_err(err)?;
    about
        .write_string(line + 1, 0, "Geëxporteerd door")
        .map_err(err)?;
    about.write_string(line + 1, 1, exported_by).map_err(err)?;
    about
        .write_string(line + 2, 0, "Aantal rijen")
        .map_err(err)?;
    about
        .write_number(line + 2, 1, f64::from(row))
        .map_err(err)?;

    let bytes = workbook.save_to_buffer().map_err(err)?;
    Ok((bytes, i64::from(row)))
}

/// Runs an export that was registered in `exports`, keeping its progress up to date.
pub fn run(
    conn: &mut DbConnection,
    id: &str,
    params: &SearchParams,
    criteria: &Criteria,
    sort: Sort,
    exported_by: &str,
    now: NaiveDateTime,
) -> Result<i64, diesel::result::Error> {
    let result = write(
        conn,
        params,
        criteria,
        sort,
        exported_by,
        now,
        |conn, rows| {
            if let Err(e) = filters::export_progress(conn, id, rows) {
                tracing::warn!(error = %e, "could not record export progress");
            }
        },
    );
    let rows = result.as_ref().map(|(_, rows)| *rows).unwrap_or_default();
    filters::finish_export(conn, id, result.map(|(bytes, _)| bytes), rows, now)?;
    Ok(rows)
}
