//! A vendor's profile (经营户), one per vendor account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vendors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    pub name: String,
    /// Normalised mainland mobile number, 11 digits.
    #[sea_orm(unique)]
    pub phone: String,
    /// Normalised GB 11643 resident ID number, 18 characters.
    pub id_number: String,
    pub category: String,
    pub products: Option<String>,
    /// GB 32100 unified social credit code, when registered as a business.
    pub uscc: Option<String>,
    /// 个体工商户.
    pub individual_business: bool,
    pub health_cert_expires: Option<Date>,
    /// JSON array of priority group codes.
    pub priority_groups: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The vendor's account.
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id"
    )]
    User,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
