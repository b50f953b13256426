//! One state change: who, when, what, before → after (JSON text).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub actor_user_id: Option<i32>,
    pub at: DateTimeUtc,
    pub entity: String,
    pub entity_id: Option<i32>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// `hash` of the row before (empty for the first).
    pub prev_hash: String,
    /// SHA-256 over `prev_hash` and this row's fields: a changed or removed row breaks the chain.
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
