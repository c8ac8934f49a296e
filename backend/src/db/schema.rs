// Portable schema: only types that both SQLite and PostgreSQL map the same way.
diesel::table! {
    document_categories (code) {
        code -> Text,
        name -> Text,
        description -> Text,
        position -> Integer,
    }
}

diesel::table! {
    document_types (code) {
        code -> Text,
        category_code -> Text,
        kind -> Text,
        name -> Text,
        summary -> Text,
        automatic_allowed -> Bool,
        police_advice_required -> Bool,
        deed_type -> Nullable<Text>,
        position -> Integer,
        active -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        role -> Text,
        username -> Nullable<Text>,
        national_number -> Nullable<Text>,
        display_name -> Text,
        email -> Nullable<Text>,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    auth_codes (code) {
        code -> Text,
        user_id -> BigInt,
        means -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor_role -> Text,
        actor_id -> Nullable<BigInt>,
        actor_name -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        reason -> Nullable<Text>,
        details -> Nullable<Text>,
    }
}

diesel::joinable!(document_types -> document_categories (category_code));
diesel::joinable!(auth_codes -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(document_categories, document_types, users, auth_codes, audit_events);
