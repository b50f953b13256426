//! The demo's sample vendors: about sixty people of Minle with valid synthetic ID numbers
//! (GB 11643 check digit, real birth dates, Minle's area code 620722), phones, categories,
//! products, health certificates for food and a few priority groups.
//!
//! They cannot log in: their accounts carry the password hash `!`, which is no PHC string and
//! so never verifies. That keeps seeding fast (no argon2 per vendor); only the one demo vendor
//! whose password is printed gets a real hash.

use anyhow::Context;
use chrono::{Duration, NaiveDate, Utc};
use entity::{users, vendors};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::json;

/// How many sample vendors the demo has.
pub const SAMPLE_VENDORS: usize = 60;

/// A stored password hash that no password matches.
pub const UNUSABLE_PASSWORD_HASH: &str = "!";

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "马", "周", "吴", "孙", "郑", "何", "徐", "朱", "郭",
    "罗", "高", "胡", "林",
];

const GIVEN: [&str; 24] = [
    "秀英", "德明", "玉兰", "建华", "晓燕", "志强", "文海", "红梅", "国栋", "丽娟", "海燕", "永福",
    "桂芳", "建军", "淑珍", "小龙", "春花", "光明", "亚楠", "俊杰", "凤英", "金山", "慧敏", "学军",
];

/// Category and products, in a mix like the bureau's: food most common.
const TRADES: [(&str, &str); 15] = [
    ("小吃餐饮", "酿皮、凉面"),
    ("小吃餐饮", "烤串、烤馍"),
    ("农副产品", "民乐紫皮大蒜、洋芋"),
    ("服装百货", "童装、袜子"),
    ("小吃餐饮", "牛肉面、炒面片"),
    ("手工文创", "剪纸、刺绣"),
    ("便民服务", "修鞋、配钥匙"),
    ("农副产品", "小杂粮、胡麻油"),
    ("小吃餐饮", "甜醅子、灰豆子"),
    ("服装百货", "鞋帽、手套"),
    ("手工文创", "木雕、葫芦画"),
    ("小吃餐饮", "卤肉夹馍"),
    ("农副产品", "应季蔬菜、鸡蛋"),
    ("便民服务", "手机贴膜、充电线"),
    ("服装百货", "床品、毛巾"),
];

/// One sample vendor, before it is stored.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Full name.
    pub name: String,
    /// Mobile number (also the login).
    pub phone: String,
    /// A valid resident ID number.
    pub id_number: String,
    /// Trade category.
    pub category: &'static str,
    /// What they sell.
    pub products: &'static str,
    /// Health certificate expiry (food vendors).
    pub health_cert_expires: Option<NaiveDate>,
    /// Priority group codes.
    pub priority_groups: Vec<&'static str>,
}

/// The `i`-th sample vendor; the same `i` and day always give the same person.
pub fn sample(i: usize, today: NaiveDate) -> anyhow::Result<Sample> {
    let (category, products) = TRADES[i % TRADES.len()];
    // Born 1960–1999, a real date (day ≤ 28 is valid in every month).
    let birth = format!(
        "{}{:02}{:02}",
        1960 + (i * 7) % 40,
        1 + (i * 5) % 12,
        1 + (i * 11) % 28
    );
    let id_number = crate::vendors::id_number::complete(&format!("620722{birth}{:03}", 100 + i))
        .context("sample ID number")?;
    let mut priority_groups = Vec::new();
    if i.is_multiple_of(3) {
        priority_groups.push("local");
    }
    match i % 10 {
        1 => priority_groups.push("dibao"),
        4 => priority_groups.push("veteran"),
        7 => priority_groups.push("returnee"),
        _ if i % 17 == 8 => priority_groups.push("disabled"),
        _ => {}
    }
    Ok(Sample {
        name: format!(
            "{}{}",
            SURNAMES[i % SURNAMES.len()],
            GIVEN[(i * 7 + i / SURNAMES.len()) % GIVEN.len()]
        ),
        phone: format!("1390936{:04}", 100 + i),
        id_number,
        category,
        products,
        health_cert_expires: (category == "小吃餐饮")
            .then(|| today + Duration::days(60 + (i as i64 * 37) % 300)),
        priority_groups,
    })
}

/// Stores the sample vendors (accounts without a usable password, and profiles); returns
/// (vendor id, category) in order.
pub async fn insert_samples(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> anyhow::Result<Vec<(i32, &'static str)>> {
    let now = Utc::now();
    let mut out = Vec::with_capacity(SAMPLE_VENDORS);
    for i in 0..SAMPLE_VENDORS {
        let s = sample(i, today)?;
        let user = users::ActiveModel {
            login: Set(s.phone.clone()),
            name: Set(s.name.clone()),
            role: Set("vendor".into()),
            password_hash: Set(UNUSABLE_PASSWORD_HASH.into()),
            disabled: Set(false),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let vendor = vendors::ActiveModel {
            user_id: Set(user.id),
            name: Set(s.name),
            phone: Set(s.phone),
            id_number: Set(s.id_number),
            category: Set(s.category.into()),
            products: Set(Some(s.products.into())),
            uscc: Set(None),
            individual_business: Set(i % 4 == 0),
            health_cert_expires: Set(s.health_cert_expires),
            priority_groups: Set(json!(s.priority_groups).to_string()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        out.push((vendor.id, s.category));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::id_number::IdNumber;

    #[test]
    fn every_sample_vendor_has_a_valid_id_number_and_a_distinct_phone() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let all: Vec<Sample> = (0..SAMPLE_VENDORS)
            .map(|i| sample(i, today).unwrap())
            .collect();
        for s in &all {
            assert!(
                IdNumber::parse(&s.id_number, today).is_ok(),
                "{}",
                s.id_number
            );
            assert!(crate::accounts::phone::Phone::parse(&s.phone).is_ok());
            assert_eq!(s.health_cert_expires.is_some(), s.category == "小吃餐饮");
        }
        let mut phones: Vec<&str> = all.iter().map(|s| s.phone.as_str()).collect();
        phones.sort_unstable();
        phones.dedup();
        assert_eq!(phones.len(), SAMPLE_VENDORS);
        let mut ids: Vec<&str> = all.iter().map(|s| s.id_number.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SAMPLE_VENDORS);
    }

    #[test]
    fn the_unusable_hash_is_not_a_password_hash() {
        assert!(argon2::PasswordHash::new(UNUSABLE_PASSWORD_HASH).is_err());
    }
}
