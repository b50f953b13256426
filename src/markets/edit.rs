//! Changing a market's name, categories and self-selection (`PATCH /api/v1/markets/{id}`).

use super::create::{self, CategoryIn};
use super::{access, queries};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::markets as t;
use crate::identity::CurrentUser;
use entity::{applications, market_categories, markets};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

/// What may change; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MarketPatch {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// The whole new list of categories (a category still named by an application stays).
    #[serde(default)]
    pub categories: Option<Vec<CategoryIn>>,
    /// Vendors may choose their stalls.
    #[serde(default)]
    pub self_select: Option<bool>,
}

/// The market `id` if `user` may change it: 404 when it does not exist or is another manager's.
pub async fn market_for_writing(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<markets::Model> {
    user.require_staff_writer()?;
    let market = queries::find_market(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(db, user, &market).await?;
    Ok(market)
}

/// Applies a patch; audited with the values before and after. Nothing is written on failure.
pub async fn update_market(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
    patch: MarketPatch,
) -> AppResult<markets::Model> {
    let market = market_for_writing(db, user, id).await?;
    let name = match &patch.name {
        Some(n) => {
            let n = n.trim().to_owned();
            if n.is_empty() || n.chars().count() > 60 {
                return Err(AppError::invalid("invalid_name", "name", t::NAME_REQUIRED));
            }
            Some(n)
        }
        None => None,
    };
    let categories = match &patch.categories {
        Some(list) => Some(create::validate_categories(Some(list))?),
        None => None,
    };
    let old_categories = queries::categories_of(db, id).await?;
    if let Some(new) = &categories {
        // A category some application of this market names cannot disappear under it.
        let used: Vec<String> = applications::Entity::find()
            .filter(applications::Column::MarketId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.category)
            .collect();
        if let Some((i, _)) = old_categories
            .iter()
            .enumerate()
            .find(|(_, c)| used.contains(&c.name) && !new.iter().any(|(n, _, _)| *n == c.name))
        {
            return Err(AppError::invalid(
                "category_in_use",
                format!("categories[{i}]"),
                crate::i18n::Msg::with(
                    "scheduling-category-in-use",
                    [("category", old_categories[i].name.clone().into())],
                ),
            ));
        }
    }
    let before = json!({
        "name": market.name,
        "self_select": market.self_select,
        "categories": old_categories.iter().map(|c| json!({"name": c.name, "food": c.food, "smoky": c.smoky})).collect::<Vec<_>>(),
    });
    let mut active = market.into_active_model();
    if let Some(n) = &name {
        active.name = Set(n.clone());
    }
    if let Some(s) = patch.self_select {
        active.self_select = Set(s);
    }
    let market = active.update(db).await?;
    if let Some(new) = &categories {
        for old in &old_categories {
            match new.iter().find(|(n, _, _)| *n == old.name) {
                None => {
                    market_categories::Entity::delete_by_id(old.id)
                        .exec(db)
                        .await?;
                }
                Some((_, food, smoky)) if *food != old.food || *smoky != old.smoky => {
                    let mut a = old.clone().into_active_model();
                    a.food = Set(*food);
                    a.smoky = Set(*smoky);
                    a.update(db).await?;
                }
                Some(_) => {}
            }
        }
        let added: Vec<_> = new
            .iter()
            .filter(|(n, _, _)| !old_categories.iter().any(|o| o.name == *n))
            .map(|(n, food, smoky)| market_categories::ActiveModel {
                market_id: Set(id),
                name: Set(n.clone()),
                food: Set(*food),
                smoky: Set(*smoky),
                ..Default::default()
            })
            .collect();
        if !added.is_empty() {
            market_categories::Entity::insert_many(added)
                .exec_without_returning(db)
                .await?;
        }
    }
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(id),
            action: "update",
            before: Some(before),
            after: Some(json!({
                "name": market.name,
                "self_select": market.self_select,
                "categories": categories.as_ref().map(|c| c.iter().map(|(n, f, s)| json!({"name": n, "food": f, "smoky": s})).collect::<Vec<_>>()),
            })),
        },
    )
    .await?;
    Ok(market)
}
