//! Which vendor profiles are one person: those that share an ID number. Demerits and
//! suspensions follow the person, not the profile, so a suspended vendor who registers again
//! under a new mobile number is still suspended (the 12-point rule is the county's, per
//! trader), while two profiles with different ID numbers never share points.

use crate::error::AppResult;
use entity::vendors;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

/// The profiles of the people behind some vendor ids.
#[derive(Debug, Default)]
pub(crate) struct People {
    /// Each asked profile's ID number.
    person_of: HashMap<i32, String>,
    /// Every profile of each of those ID numbers, in id order.
    profiles: HashMap<String, Vec<i32>>,
}

impl People {
    /// Reads the people behind `vendor_ids`: one query for any number of vendors (the
    /// profiles whose ID number is among the asked profiles' numbers).
    pub(crate) async fn of(db: &impl ConnectionTrait, vendor_ids: &[i32]) -> AppResult<People> {
        let mut people = People::default();
        for chunk in vendor_ids.chunks(crate::db::IDS_PER_QUERY) {
            let asked: HashSet<i32> = chunk.iter().copied().collect();
            let numbers = Query::select()
                .column(vendors::Column::IdNumber)
                .from(vendors::Entity)
                .and_where(vendors::Column::Id.is_in(chunk.iter().copied()))
                .to_owned();
            let rows: Vec<(i32, String)> = vendors::Entity::find()
                .select_only()
                .column(vendors::Column::Id)
                .column(vendors::Column::IdNumber)
                .filter(vendors::Column::IdNumber.in_subquery(numbers))
                .into_tuple()
                .all(db)
                .await?;
            for (id, number) in rows {
                if asked.contains(&id) {
                    people.person_of.insert(id, number.clone());
                }
                people.profiles.entry(number).or_default().push(id);
            }
        }
        for list in people.profiles.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Ok(people)
    }

    /// Every profile of the person behind `vendor_id`, itself included (alone when unknown).
    pub(crate) fn profiles_of(&self, vendor_id: i32) -> Vec<i32> {
        self.person_of
            .get(&vendor_id)
            .and_then(|n| self.profiles.get(n))
            .cloned()
            .unwrap_or_else(|| vec![vendor_id])
    }

    /// Every profile of every person read.
    pub(crate) fn all_profiles(&self) -> Vec<i32> {
        let mut all: Vec<i32> = self.profiles.values().flatten().copied().collect();
        all.extend(self.person_of.keys());
        all.sort_unstable();
        all.dedup();
        all
    }
}
