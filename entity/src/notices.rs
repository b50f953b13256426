//! An in-app notice to one user, in both languages.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// `session_cancelled`, `booking_cancelled`, `offer`, `application_decided`, …
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub text_zh: String,
    #[sea_orm(column_type = "Text")]
    pub text_en: String,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
