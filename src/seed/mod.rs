//! First run: the administrator account, and the Minle demo county from `assets/demo/`.

use crate::accounts::password_policy;
use crate::accounts::users;
use crate::db::begin_write;
use crate::geometry::{Crs, parse_site_boundary};
use crate::identity::{Role, password};
use crate::vendors::register::{self, Registration};
use anyhow::Context;
use chrono::Utc;
use entity::sites::SiteKind;
use entity::{manager_sites, sites};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::Value;

mod markets;
mod sales;
pub mod vendors;

/// The demo sites, as readable GeoJSON files.
const DEMO_SITES: [&str; 2] = [
    include_str!("../../assets/demo/wenchang-road.geojson"),
    include_str!("../../assets/demo/fortune-plaza.geojson"),
];

/// An account created on first run, with its generated password (printed once, never stored).
#[derive(Debug, Clone)]
pub struct Credential {
    /// Role of the account.
    pub role: Role,
    /// Login name.
    pub login: String,
    /// Generated password.
    pub password: String,
}

/// The advisory lock first runs take turns on ("nmseed" in ASCII).
const FIRST_RUN_LOCK: i64 = 0x6e6d_7365_6564;

/// On an empty database: the admin account, plus the demo county when `demo` is set.
/// Returns the new credentials (empty when the database already had users). Safe when two
/// processes start at once: the loser of the race finds the users and does nothing.
pub async fn first_run(
    db: &DatabaseConnection,
    passwords: &password::Passwords,
    demo: bool,
) -> anyhow::Result<Vec<Credential>> {
    if entity::users::Entity::find().count(db).await? > 0 {
        return Ok(Vec::new());
    }
    let admin = Credential {
        role: Role::Admin,
        login: "admin".into(),
        password: password_policy::generate(),
    };
    let prepared = users::prepare(passwords, new_user(&admin, "系统管理员")).await?;
    let txn = begin_write(db).await?;
    // PostgreSQL's transactions do not lock an empty table: two processes starting at once
    // would both count no users and the slower one die on the unique login. They take turns
    // here; the second then finds the admin and does nothing. (SQLite's write transaction is
    // already exclusive.)
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({FIRST_RUN_LOCK})"))
            .await?;
    }
    if entity::users::Entity::find().count(&txn).await? > 0 {
        return Ok(Vec::new());
    }
    users::insert(&txn, None, prepared).await?;
    txn.commit().await?;
    let mut created = vec![admin];
    if demo {
        // The admin is committed: whatever happens to the demo, its password must be printed,
        // or the database holds an account nobody can log in to.
        match seed_demo(db, passwords).await {
            Ok(more) => created.extend(more),
            Err(e) => tracing::error!(
                error = %format!("{e:#}"),
                "the demo county was not seeded; the server runs without it \
                 (`nightmarket seed --demo` tries again on an empty county)"
            ),
        }
    }
    Ok(created)
}

fn new_user(c: &Credential, name: &str) -> users::NewUser {
    users::NewUser {
        login: c.login.clone(),
        name: name.into(),
        role: c.role,
        password: c.password.clone(),
    }
}

/// The demo county: two sites, a manager of both, a bureau reader, the demo vendor (the one
/// whose password is printed), three markets and sixty sample vendors who cannot log in.
/// Does nothing (and returns no credentials) when the demo sites already exist.
pub async fn seed_demo(
    db: &DatabaseConnection,
    passwords: &password::Passwords,
) -> anyhow::Result<Vec<Credential>> {
    if sites::Entity::find()
        .filter(sites::Column::Code.eq("WCL"))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(Vec::new());
    }
    let manager = Credential {
        role: Role::Manager,
        login: "manager".into(),
        password: password_policy::generate(),
    };
    let bureau = Credential {
        role: Role::Bureau,
        login: "bureau".into(),
        password: password_policy::generate(),
    };
    let manager_user = users::prepare(passwords, new_user(&manager, "李经理")).await?;
    let bureau_user = users::prepare(passwords, new_user(&bureau, "商务局 王科长")).await?;

    let txn = begin_write(db).await?;
    let mut demo_sites = Vec::new();
    for text in DEMO_SITES {
        demo_sites.push(insert_demo_site(&txn, text).await?);
    }
    let manager_row = users::insert(&txn, None, manager_user).await?;
    users::insert(&txn, None, bureau_user).await?;
    for site in &demo_sites {
        manager_sites::ActiveModel {
            user_id: Set(manager_row.id),
            site_id: Set(site.id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    for site in &demo_sites {
        lay_out_demo_site(db, site).await?;
    }

    let vendor = Credential {
        role: Role::Vendor,
        login: "13909360001".into(),
        password: password_policy::generate(),
    };
    let registration = Registration {
        name: "张桂兰".into(),
        phone: vendor.login.clone(),
        password: vendor.password.clone(),
        id_number: crate::vendors::id_number::complete("62072219680315202")
            .context("demo ID number")?,
        category: "农副产品".into(),
        products: Some("民乐紫皮大蒜、马铃薯、小杂粮".into()),
        priority_groups: vec!["local".into()],
        ..Default::default()
    };
    let valid = register::validate(&registration, crate::clock::today())
        .map_err(|e| anyhow::anyhow!("demo vendor invalid: {e:?}"))?;
    register::create_vendor(db, passwords, valid).await?;
    markets::seed_markets(db).await?;
    Ok(vec![manager, bureau, vendor])
}

/// Stalls of 3 m frontage × 2.5 m depth on 3 m aisles, from the layout engine. The demo street
/// keeps its stalls along both kerbs with the walking lane between them, as Wenchang Road's
/// night market is run: its manager asks for `street` (auto would take rows across the whole
/// width where they place more, and they block the lane the crowd walks in).
async fn lay_out_demo_site(db: &DatabaseConnection, site: &sites::Model) -> anyhow::Result<()> {
    let mut params = crate::layout::LayoutParams::default();
    if site.kind == SiteKind::Street {
        params.mode = crate::layout::LayoutMode::Street;
    }
    let computed = crate::sites::layout_run::compute(db, site, params)
        .await
        .map_err(|e| anyhow::anyhow!("demo layout of {}: {e}", site.code))?;
    let txn = begin_write(db).await?;
    crate::sites::layout_run::apply(&txn, None, site, &computed)
        .await
        .map_err(|e| anyhow::anyhow!("demo layout of {}: {e}", site.code))?;
    txn.commit().await?;
    Ok(())
}

/// Inserts one demo site from its GeoJSON file.
async fn insert_demo_site(db: &impl ConnectionTrait, text: &str) -> anyhow::Result<sites::Model> {
    let value: Value = serde_json::from_str(text).context("demo GeoJSON")?;
    let props = &value["features"][0]["properties"];
    let field = |k: &str| props[k].as_str().unwrap_or_default().to_owned();
    let shape = parse_site_boundary(&value, Crs::Wgs84)
        .map_err(|e| anyhow::anyhow!("demo site {}: {e}", field("code")))?;
    let site = sites::ActiveModel {
        code: Set(field("code")),
        name: Set(field("name")),
        kind: Set(SiteKind::parse(&field("kind")).context("demo site kind")?),

        boundary: Set(shape.to_geojson_value().to_string()),
        source_crs: Set(shape.source_crs.as_str().to_owned()),
        area_m2: Set(shape.area_m2),
        min_lon: Set(shape.bbox[0]),
        min_lat: Set(shape.bbox[1]),
        max_lon: Set(shape.bbox[2]),
        max_lat: Set(shape.bbox[3]),
        centroid_lon: Set(shape.centroid.x),
        centroid_lat: Set(shape.centroid.y),
        note: Set(Some(field("note"))),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(site)
}
