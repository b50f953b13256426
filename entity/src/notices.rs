//! An in-app notice to one user: a Fluent message id and its arguments, worded in the reader's
//! language when read (rows from before carry their words in two text columns instead).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// `session_cancelled`, `booking_cancelled`, `offer`, `application_decided`, …
    pub kind: String,
    /// The words of a notice written before notices were messages; `None` since.
    #[sea_orm(column_type = "Text", nullable)]
    pub text_zh: Option<String>,
    /// As `text_zh`, in English.
    #[sea_orm(column_type = "Text", nullable)]
    pub text_en: Option<String>,
    /// The Fluent message id (`bookings-notice-cancelled`, …).
    pub message_id: Option<String>,
    /// Its arguments as a JSON object (`{"what": "…"}`; a nested message is `{"id", "args"}`).
    #[sea_orm(column_type = "Text", nullable)]
    pub args: Option<String>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
