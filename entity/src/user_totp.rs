//! A staff account's TOTP secret (RFC 6238), confirmed once a valid code was entered.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_totp")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    /// Base32 (RFC 4648, no padding) of 20 random bytes.
    pub secret: String,
    /// `None` while enrolment waits for its first valid code.
    pub confirmed_at: Option<DateTimeUtc>,
    /// The last accepted time step; codes of this step or earlier are refused (no replay).
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
