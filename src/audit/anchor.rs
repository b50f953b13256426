//! The anchor of the audit log: the newest row's id and hash, printed by `audit-verify` to be
//! noted down outside the database. The chain finds a row changed or removed before the
//! newest; only an anchor kept elsewhere finds the newest rows cut off, or a chain written
//! anew by someone who could drop the database's guards (the hash has no secret).

use super::{Checkpoint, count, verify_from};
use entity::audit_log;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

impl Checkpoint {
    /// An anchor as [`std::fmt::Display`] writes it: `ID:HASH`.
    pub fn parse(text: &str) -> Option<Checkpoint> {
        let (id, hash) = text.trim().split_once(':')?;
        let id: i32 = id.trim().parse().ok().filter(|id| *id > 0)?;
        let hash = hash.trim();
        (!hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Checkpoint {
            id,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

impl std::fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.id, self.hash)
    }
}

/// Whether the row `anchor` names is still there with its hash (the chain before it verified
/// by [`verify_from`]): rows removed up to it, or a chain recomputed after an edit, lose it.
pub async fn still_there(db: &impl ConnectionTrait, anchor: &Checkpoint) -> Result<bool, DbErr> {
    Ok(audit_log::Entity::find_by_id(anchor.id)
        .one(db)
        .await?
        .is_some_and(|r| r.hash.eq_ignore_ascii_case(&anchor.hash)))
}

/// What `audit-verify` finds: the lines to print when the chain holds (and the anchor
/// `expect`, if given), else the error naming what broke.
pub async fn check(db: &impl ConnectionTrait, expect: Option<&str>) -> anyhow::Result<String> {
    let expect = match expect {
        None => None,
        Some(text) => Some(Checkpoint::parse(text).ok_or_else(|| {
            anyhow::anyhow!("--expect takes an anchor as printed before: ID:HASH")
        })?),
    };
    let entries = count(db).await?;
    let newest = match verify_from(db, &Checkpoint::default()).await? {
        Ok(newest) => newest,
        Err(id) => anyhow::bail!(
            "audit log broken at row {id}: it was changed or a row before it was removed"
        ),
    };
    if let Some(anchor) = expect
        && !still_there(db, &anchor).await?
    {
        anyhow::bail!(
            "audit log does not hold the anchor {anchor}: rows up to it were removed or the chain was written anew"
        );
    }
    Ok(format!(
        "audit log intact: {entries} entries\nanchor of the newest row (note it down elsewhere; check later with --expect): {newest}"
    ))
}
