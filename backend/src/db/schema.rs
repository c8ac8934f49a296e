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
        oidc_subject -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> BigInt,
        role -> Text,
        means -> Text,
        kind -> Text,
        provider -> Nullable<Text>,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        checked_at -> Timestamp,
        verified_at -> Timestamp,
        refresh_token -> Nullable<Text>,
        ended_at -> Nullable<Timestamp>,
        end_reason -> Nullable<Text>,
    }
}

diesel::table! {
    oidc_logins (state) {
        state -> Text,
        provider -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        means -> Nullable<Text>,
        return_to -> Text,
        created_at -> Timestamp,
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

diesel::table! {
    requests (id) {
        id -> BigInt,
        reference -> Text,
        document_type_code -> Text,
        status -> Text,
        processing -> Text,
        manual_reasons -> Text,
        submitted_via -> Text,
        requester_user_id -> Nullable<BigInt>,
        requester_name -> Text,
        requester_email -> Text,
        requester_national_number -> Nullable<Text>,
        subject_is_requester -> Bool,
        subject_name -> Text,
        subject_national_number -> Nullable<Text>,
        subject_birth_date -> Nullable<Date>,
        for_use -> Text,
        destination_country -> Nullable<Text>,
        purpose -> Text,
        language -> Text,
        delivery_preference -> Text,
        delivery_method -> Nullable<Text>,
        answers -> Text,
        police_advice -> Nullable<Text>,
        police_advice_remark -> Nullable<Text>,
        idempotency_key -> Nullable<Text>,
        idempotency_scope -> Nullable<Text>,
        idempotency_fingerprint -> Nullable<Text>,
        submitted_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        version -> Integer,
        waiting_for -> Nullable<Text>,
    }
}

diesel::table! {
    reference_counters (year) {
        year -> Integer,
        last -> BigInt,
    }
}

diesel::table! {
    tasks (id) {
        id -> BigInt,
        request_id -> BigInt,
        task_type -> Text,
        status -> Text,
        assignee_user_id -> Nullable<BigInt>,
        due_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
        completed_by -> Nullable<BigInt>,
        note -> Nullable<Text>,
        version -> Integer,
    }
}

diesel::table! {
    documents (id) {
        id -> BigInt,
        request_id -> BigInt,
        kind -> Text,
        title -> Text,
        file_name -> Text,
        content_type -> Text,
        content -> Binary,
        verification_code -> Nullable<Text>,
        issued_to_name -> Text,
        issued_at -> Timestamp,
        valid_until -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    download_links (token) {
        token -> Text,
        document_id -> BigInt,
        requires_sign_in -> Bool,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    emails (id) {
        id -> BigInt,
        request_id -> Nullable<BigInt>,
        to_address -> Text,
        subject -> Text,
        body -> Text,
        template -> Text,
        status -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        message_id -> Nullable<Text>,
    }
}

diesel::table! {
    jobs (id) {
        id -> BigInt,
        kind -> Text,
        payload -> Text,
        run_at -> Timestamp,
        attempts -> Integer,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        done_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        failed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mock_ebox_messages (id) {
        id -> BigInt,
        national_number -> Text,
        sender -> Text,
        subject -> Text,
        body -> Text,
        document_id -> Nullable<BigInt>,
        delivered_at -> Timestamp,
        delivery_id -> Nullable<Text>,
    }
}

diesel::table! {
    mock_dabs_deeds (id) {
        id -> BigInt,
        reference -> Text,
        deed_type -> Text,
        national_numbers -> Text,
        registered_on -> Date,
        place -> Text,
        details -> Text,
        added_at -> Timestamp,
    }
}

diesel::table! {
    mock_police_advice_requests (id) {
        id -> BigInt,
        request_id -> BigInt,
        subject_name -> Text,
        subject_national_number -> Nullable<Text>,
        purpose -> Text,
        requested_at -> Timestamp,
        advice -> Nullable<Text>,
        remark -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        answered_by -> Nullable<Text>,
    }
}

diesel::joinable!(document_types -> document_categories (category_code));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(requests -> document_types (document_type_code));
diesel::joinable!(tasks -> requests (request_id));
diesel::joinable!(documents -> requests (request_id));
diesel::joinable!(download_links -> documents (document_id));
diesel::joinable!(emails -> requests (request_id));
diesel::allow_tables_to_appear_in_same_query!(
    document_categories,
    document_types,
    users,
    sessions,
    oidc_logins,
    audit_events,
    requests,
    tasks,
    documents,
    download_links,
    emails,
    jobs,
    mock_ebox_messages,
    mock_dabs_deeds,
    mock_police_advice_requests,
);

diesel::table! {
    saved_filters (id) {
        id -> BigInt,
        owner_user_id -> Nullable<BigInt>,
        name -> Text,
        criteria -> Text,
        shared -> Bool,
        system -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    exports (id) {
        id -> Text,
        user_id -> BigInt,
        criteria -> Text,
        status -> Text,
        total_rows -> BigInt,
        rows_written -> BigInt,
        file_name -> Text,
        content -> Nullable<Binary>,
        error -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        sort -> Nullable<Text>,
        language -> Nullable<Text>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(saved_filters, users);

diesel::table! {
    export_chunks (export_id, seq) {
        export_id -> Text,
        seq -> Integer,
        content -> Binary,
    }
}

diesel::allow_tables_to_appear_in_same_query!(exports, export_chunks);

diesel::table! {
    pending_requests (id) {
        id -> BigInt,
        token_hash -> Text,
        email -> Text,
        submission -> Text,
        via -> Text,
        idempotency_key -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        request_id -> Nullable<BigInt>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(pending_requests, requests);

diesel::table! {
    api_clients (id) {
        id -> BigInt,
        client_id -> Text,
        user_id -> BigInt,
        name -> Text,
        scopes -> Text,
        document_types -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    api_client_secrets (id) {
        id -> BigInt,
        api_client_id -> BigInt,
        hash -> Text,
        hint -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(api_client_secrets -> api_clients (api_client_id));
diesel::table! {
    api_client_requests (request_id) {
        request_id -> BigInt,
        api_client_id -> BigInt,
    }
}

diesel::joinable!(api_client_requests -> api_clients (api_client_id));
diesel::allow_tables_to_appear_in_same_query!(api_clients, api_client_secrets, api_client_requests);

diesel::table! {
    webhook_subscriptions (id) {
        id -> BigInt,
        api_client_id -> BigInt,
        url -> Text,
        events -> Text,
        secret -> Text,
        active -> Bool,
        paused_at -> Nullable<Timestamp>,
        paused_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        webhook_id -> Text,
        subscription_id -> BigInt,
        event_type -> Text,
        request_id -> Nullable<BigInt>,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        last_attempt_at -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        delivered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        queued_at -> Timestamp,
        job_id -> Nullable<BigInt>,
    }
}

diesel::joinable!(webhook_subscriptions -> api_clients (api_client_id));
diesel::joinable!(webhook_deliveries -> webhook_subscriptions (subscription_id));
diesel::allow_tables_to_appear_in_same_query!(
    webhook_subscriptions,
    webhook_deliveries,
    api_clients
);
