//! The catalogue of document types, kept as data so new types need no code.
use super::schema::{document_categories, document_types};
use super::DbConnection;
use crate::domain::document::{DeedType, DocumentKind};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = document_categories)]
pub struct CategoryRow {
    pub code: String,
    pub name: String,
    pub description: String,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = document_types)]
pub struct DocumentTypeRow {
    pub code: String,
    pub category_code: String,
    pub kind: DocumentKind,
    pub name: String,
    pub summary: String,
    pub automatic_allowed: bool,
    pub police_advice_required: bool,
    pub deed_type: Option<DeedType>,
    pub position: i32,
    pub active: bool,
}

pub fn categories(conn: &mut DbConnection) -> QueryResult<Vec<CategoryRow>> {
    document_categories::table
        .order(document_categories::position)
        .select(CategoryRow::as_select())
        .load(conn)
}

/// Active types, in catalogue order, optionally narrowed to a category.
pub fn document_types(
    conn: &mut DbConnection,
    category: Option<&str>,
) -> QueryResult<Vec<DocumentTypeRow>> {
    let mut query = document_types::table
        .filter(document_types::active.eq(true))
        .order(document_types::position)
        .select(DocumentTypeRow::as_select())
        .into_boxed();
    if let Some(category) = category {
        query = query.filter(document_types::category_code.eq(category.to_owned()));
    }
    query.load(conn)
}

pub fn document_type(conn: &mut DbConnection, code: &str) -> QueryResult<Option<DocumentTypeRow>> {
    document_types::table
        .find(code)
        .filter(document_types::active.eq(true))
        .select(DocumentTypeRow::as_select())
        .first(conn)
        .optional()
}

/// A type by code, also when it was taken out of the catalogue since (for old requests).
pub fn document_type_any(
    conn: &mut DbConnection,
    code: &str,
) -> QueryResult<Option<DocumentTypeRow>> {
    document_types::table
        .find(code)
        .select(DocumentTypeRow::as_select())
        .first(conn)
        .optional()
}

/// Names of all types by code, for lists.
pub fn names(conn: &mut DbConnection) -> QueryResult<std::collections::HashMap<String, String>> {
    Ok(document_types::table
        .select((document_types::code, document_types::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}
