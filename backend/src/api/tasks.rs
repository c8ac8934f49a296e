//! The staff inbox: open tasks ("Alle taken"), mine ("Mijn taken") and parked ("Geparkeerde taken").
use super::json::Json;
use super::query::Query;
use super::requests::dto::Assignee;
use super::requests::view::utc;
use crate::auth::AuthUser;
use crate::db::{self, tasks, users};
use crate::domain::ids::{TaskId, UserId};
use crate::domain::role::Role;
use crate::domain::task::TaskType;
use crate::error::{ApiError, ApiResult, Problem};
use crate::startup::AppState;
use crate::workflow::tasks::Change;
use crate::workflow::{self, Actor};
use actix_web::post;
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tasks)
        .service(claim)
        .service(assign)
        .service(release)
        .service(staff_members);
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InboxView {
    /// Every open task.
    All,
    /// Open tasks assigned to me.
    Mine,
    /// The parked "Annuleren" tasks of unfinished requests.
    Parked,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// Which inbox view (default `all`).
    #[param(inline)]
    view: Option<InboxView>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `nextCursor` of the previous page.
    #[param(pattern = "^-?([0-9]{1,18}|[1-8][0-9]{18})_[0-9]{1,18}$")]
    cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    id: i64,
    request_reference: String,
    /// The document type's code (its name in the reader's language is the SPA's).
    document_type: String,
    document_type_name: String,
    requester_name: String,
    task_type: TaskType,
    created_at: DateTime<Utc>,
    due_at: Option<DateTime<Utc>>,
    assignee: Option<Assignee>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskList {
    items: Vec<Task>,
    /// All tasks in this view.
    total: i64,
    /// Pass as `cursor` for the next page; absent on the last page.
    next_cursor: Option<String>,
}

/// A view of the task inbox, oldest first, paged by keyset so it stays fast with many tasks.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(TaskQuery),
    responses(
        (status = 200, body = TaskList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tasks")]
async fn list_tasks(
    state: web::Data<AppState>,
    user: AuthUser,
    query: Query<TaskQuery>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let TaskQuery {
        view,
        limit,
        cursor,
    } = query.into_inner();
    let (limit, after) = super::query::page(limit, cursor.as_deref())?;
    let filter = match view.unwrap_or(InboxView::All) {
        InboxView::All => tasks::Filter::Open,
        InboxView::Mine => tasks::Filter::OpenFor(user.id),
        InboxView::Parked => tasks::Filter::Parked,
    };
    let types = user.client.as_ref().and_then(|c| c.document_types.clone());
    let (rows, total) = db::run(&state.pool, move |conn| {
        Ok((
            tasks::page(conn, filter, types.as_deref(), after, limit + 1)?,
            tasks::count(conn, filter, types.as_deref())?,
        ))
    })
    .await?;
    let next_cursor = (rows.len() as i64 > limit)
        .then(|| rows.get(limit as usize - 1).map(|r| r.cursor().encode()))
        .flatten();
    let items = rows
        .into_iter()
        .take(limit as usize)
        .map(|r| Task {
            id: r.id,
            request_reference: r.reference,
            document_type: r.document_type_code,
            document_type_name: r.document_type_name,
            requester_name: r.requester_name,
            task_type: r.task_type,
            created_at: utc(r.created_at),
            due_at: r.due_at.map(utc),
            assignee: r
                .assignee_id
                .zip(r.assignee_name)
                .map(|(id, name)| Assignee { id, name }),
        })
        .collect();
    Ok(HttpResponse::Ok().json(TaskList {
        items,
        total,
        next_cursor,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct StaffMember {
    id: i64,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct StaffMemberList {
    items: Vec<StaffMember>,
}

/// Colleagues a task can be assigned to.
#[utoipa::path(tag = "tasks", security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])), responses((status = 200, body = StaffMemberList)))]
#[get("/staff-members")]
async fn staff_members(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let rows = db::run(&state.pool, |conn| Ok(users::staff(conn)?)).await?;
    let items = rows
        .into_iter()
        .map(|u| StaffMember {
            id: u.id,
            name: u.display_name,
        })
        .collect();
    Ok(HttpResponse::Ok().json(StaffMemberList { items }))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssignInput {
    /// The colleague's id (from /staff-members).
    user_id: i64,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskAssignment {
    id: i64,
    assignee: Option<Assignee>,
}

async fn change_assignee(
    state: web::Data<AppState>,
    user: AuthUser,
    id: i64,
    change: Change,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    if let Some(client) = user.client.clone().filter(|c| c.document_types.is_some()) {
        let visible = db::run(&state.pool, move |conn| {
            let Some((request, ..)) = tasks::get(conn, id)? else {
                return Ok(false);
            };
            let row = crate::db::requests::by_id(conn, request)?;
            Ok(client.may_see_type(&row.document_type_code))
        })
        .await?;
        if !visible {
            return Err(ApiError::NotFound(format!("There is no task {id}.")));
        }
    }
    let actor = Actor::from(&user);
    let assignee =
        workflow::tasks::change_assignee(&state.into_inner(), actor, TaskId(id), change).await?;
    Ok(HttpResponse::Ok().json(TaskAssignment {
        id,
        assignee: assignee.map(|(UserId(id), name)| Assignee { id, name }),
    }))
}

/// Take an unassigned task; of two colleagues claiming at once, one gets it and the other 409.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("id" = i64, Path)),
    responses((status = 200, body = TaskAssignment), (status = 409, body = Problem, content_type = "application/problem+json"))
)]
#[post("/tasks/{id}/claim")]
async fn claim(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    change_assignee(state, user, id.into_inner(), Change::Claim).await
}

/// Give a task to a colleague.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("id" = i64, Path)),
    request_body = AssignInput,
    responses((status = 200, body = TaskAssignment), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/tasks/{id}/assign")]
async fn assign(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<AssignInput>,
) -> ApiResult<HttpResponse> {
    change_assignee(
        state,
        user,
        id.into_inner(),
        Change::Assign(UserId(body.user_id)),
    )
    .await
}

/// Put a task back in the common inbox.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("id" = i64, Path)),
    responses((status = 200, body = TaskAssignment), (status = 409, body = Problem, content_type = "application/problem+json"))
)]
#[post("/tasks/{id}/release")]
async fn release(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    change_assignee(state, user, id.into_inner(), Change::Release).await
}
