//! The notices a published allocation sends: each vendor with a request in the run learns
//! what they won (sessions and stall codes), or that they wait and at which place — written in
//! the publish transaction, delivered by the [`crate::notices::Notifier`] after the commit.

use crate::allocation::{Allocation, ReasonCode};
use crate::bookings::cancel::describe;
use crate::i18n::{Arg, Msg};
use crate::notices::{self, Outgoing};
use entity::{allocation_runs, market_sessions, markets, stalls, vendors};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

/// The `kind` of these notices.
pub const KIND: &str = "allocation_result";

/// Stalls listed in one notice; the rest are counted, so a season of bookings stays readable
/// on a phone and its SMS within two or three segments of 70 characters (eight listed came to
/// four); the home page and the month view list them all.
const LISTED: usize = 3;

/// Ids per `IN (…)` query, well below either backend's limit on bound parameters.
const IN_CHUNK: usize = 1000;

/// A request that waits: its place in the queue of that session (1 = offered first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub session_id: i64,
    pub place: usize,
}

/// Each queued request's place in its own session's queue, in the waitlist's order: a freed
/// stall-session is offered down that session's queue (see [`super::waitlist`]).
pub fn waitlist_places(result: &Allocation) -> BTreeMap<i64, Vec<Place>> {
    let mut next: HashMap<i64, usize> = HashMap::new();
    let mut places: BTreeMap<i64, Vec<Place>> = BTreeMap::new();
    for u in result.unplaced.iter().filter(|u| u.reason.queues()) {
        let n = next.entry(u.session_id).or_insert(0);
        *n += 1;
        places.entry(u.application_id).or_default().push(Place {
            session_id: u.session_id,
            place: *n,
        });
    }
    places
}

async fn by_ids<E, C>(db: &C, column: E::Column, ids: Vec<i32>) -> Result<Vec<E::Model>, DbErr>
where
    E: EntityTrait,
    E::Column: ColumnTrait,
    C: ConnectionTrait,
{
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IN_CHUNK) {
        out.extend(
            E::find()
                .filter(column.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

fn ids(values: impl Iterator<Item = i64>) -> Vec<i32> {
    let mut v: Vec<i32> = values.filter_map(|x| i32::try_from(x).ok()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Writes one notice per vendor with a request in `result`; returns them for the notifier.
pub async fn write_notices(
    db: &impl ConnectionTrait,
    market: &markets::Model,
    run: &allocation_runs::Model,
    result: &Allocation,
) -> Result<Vec<Outgoing>, DbErr> {
    let places = waitlist_places(result);
    let session_ids = ids(result
        .bookings
        .iter()
        .map(|b| b.session_id)
        .chain(result.unplaced.iter().map(|u| u.session_id)));
    let sessions: HashMap<i64, market_sessions::Model> =
        by_ids::<market_sessions::Entity, _>(db, market_sessions::Column::Id, session_ids)
            .await?
            .into_iter()
            .map(|s| (i64::from(s.id), s))
            .collect();
    let stall_ids = ids(result.bookings.iter().map(|b| b.stall_id));
    let codes: HashMap<i64, String> =
        by_ids::<stalls::Entity, _>(db, stalls::Column::Id, stall_ids)
            .await?
            .into_iter()
            .map(|s| (i64::from(s.id), s.code))
            .collect();
    let vendor_ids = ids(result
        .explanations
        .iter()
        .filter(|e| e.sessions_requested > 0)
        .map(|e| e.vendor_id));
    let users: HashMap<i64, i32> =
        by_ids::<vendors::Entity, _>(db, vendors::Column::Id, vendor_ids)
            .await?
            .into_iter()
            .map(|v| (i64::from(v.id), v.user_id))
            .collect();

    // Per vendor: (date, label) of each booking, and the best place in any queue.
    let mut won: BTreeMap<i64, Vec<(String, String)>> = BTreeMap::new();
    for b in &result.bookings {
        let Some(s) = sessions.get(&b.session_id) else {
            continue;
        };
        let code = codes.get(&b.stall_id).map_or("", String::as_str);
        won.entry(b.vendor_id).or_default().push((
            format!("{} {}", s.business_date, s.starts_at),
            describe(s, code),
        ));
    }
    let mut waiting: BTreeMap<i64, (usize, Place)> = BTreeMap::new();
    for e in &result.explanations {
        for p in places.get(&e.application_id).into_iter().flatten() {
            let entry = waiting.entry(e.vendor_id).or_insert((0, *p));
            entry.0 += 1;
            if (p.place, p.session_id) < (entry.1.place, entry.1.session_id) {
                entry.1 = *p;
            }
        }
    }

    // Nights refused for papers (gas inspection, health certificate): the vendor is told
    // which to renew, or a "not given a stall" reads as bad luck in the draw.
    let mut papers: BTreeMap<i64, Vec<ReasonCode>> = BTreeMap::new();
    for e in &result.explanations {
        for r in &e.reasons {
            if matches!(
                r,
                ReasonCode::GasInspectionExpired
                    | ReasonCode::HealthCertExpired
                    | ReasonCode::VendorSuspended
            ) {
                let listed = papers.entry(e.vendor_id).or_default();
                if !listed.contains(r) {
                    listed.push(*r);
                }
            }
        }
    }

    let mut out = Vec::new();
    for (vendor, user_id) in users {
        let mut booked = won.remove(&vendor).unwrap_or_default();
        booked.sort();
        let queued = waiting.get(&vendor).map(|(n, p)| {
            let at = sessions
                .get(&p.session_id)
                .map(|s| format!("{} {}", s.business_date, s.segment))
                .unwrap_or_default();
            (*n, at, p.place)
        });
        out.push(Outgoing {
            user_id,
            kind: KIND,
            text: message(
                &market.name,
                (run.date_from, run.date_to),
                &booked,
                queued,
                papers.get(&vendor).map_or(&[][..], Vec::as_slice),
            ),
        });
    }
    // One order for the inbox rows and the deliveries, whatever the maps did.
    out.sort_by_key(|m| m.user_id);
    notices::write_many(db, out).await
}

/// The text of one vendor's notice, for the run covering `from`–`to`. `booked`: (sort key, "date segment · stall"); `queued`:
/// (requests waiting, "date segment" of the best place, that place); `papers`: the papers
/// (gas inspection, health certificate) that kept them off some nights.
fn message(
    market: &str,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    booked: &[(String, String)],
    queued: Option<(usize, String, usize)>,
    papers: &[ReasonCode],
) -> Msg {
    let outcome = if booked.is_empty() {
        Msg::with("allocation-notice-none", [])
    } else {
        let list: Vec<String> = booked.iter().take(LISTED).map(|b| b.1.clone()).collect();
        Msg::with(
            "allocation-notice-won",
            [
                ("count", booked.len().into()),
                ("list", list.into()),
                ("more", booked.len().saturating_sub(LISTED).into()),
            ],
        )
    };
    let queue: Arg = match queued {
        Some((n, at, place)) => Msg::with(
            "allocation-notice-queued",
            [
                ("won", booked.len().into()),
                ("count", n.into()),
                ("at", at.into()),
                ("place", place.into()),
            ],
        )
        .into(),
        None if booked.is_empty() => Msg::with("allocation-notice-no-queue", []).into(),
        None => "".into(),
    };
    Msg::with(
        "allocation-notice",
        [
            ("market", market.into()),
            // The nights it covers, not the run's id: ids count runs of every market, and
            // "batch 4" of a market's first allocation only puzzled vendors.
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
            ("outcome", outcome.into()),
            ("queue", queue),
            ("papers", papers_line(papers)),
        ],
    )
}

/// One sentence per lapsed paper, or nothing.
fn papers_line(papers: &[ReasonCode]) -> Arg {
    let mut line: Vec<Arg> = Vec::new();
    for p in papers {
        match p {
            ReasonCode::GasInspectionExpired => {
                line.push(Msg::with("allocation-notice-gas-lapsed", []).into());
            }
            ReasonCode::HealthCertExpired => {
                line.push(Msg::with("allocation-notice-health-lapsed", []).into());
            }
            ReasonCode::VendorSuspended => {
                line.push(Msg::with("allocation-notice-suspended", []).into());
            }
            _ => {}
        }
    }
    // One sentence after the other, however many.
    line.into_iter()
        .reduce(|first, second| {
            Msg::with(
                "allocation-notice-papers-both",
                [("first", first), ("second", second)],
            )
            .into()
        })
        .unwrap_or_else(|| "".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn june() -> (chrono::NaiveDate, chrono::NaiveDate) {
        (
            chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        )
    }

    #[test]
    fn a_long_season_lists_the_first_stalls_and_counts_the_rest() {
        let booked: Vec<(String, String)> = (1..=11)
            .map(|d| (format!("{d:02}"), format!("06-{d:02} evening · A-{d}")))
            .collect();
        let m = message("城南夜市", june(), &booked, None, &[]);
        let zh = m.get(crate::i18n::Lang::Zh);
        assert!(
            zh.starts_with("「城南夜市」2026-06-01 至 2026-06-30 的摊位分配已公布"),
            "{zh}"
        );
        assert!(zh.contains("您获得 11 场"), "{zh}");
        assert!(zh.contains("06-03 evening · A-3"), "{zh}");
        assert!(!zh.contains("A-4"), "{zh}");
        assert!(zh.contains("另 8 场"), "{zh}");
        assert!(m.get(crate::i18n::Lang::En).contains("and 8 more"));
    }

    #[test]
    fn someone_who_won_nothing_learns_their_place_in_the_queue() {
        let m = message(
            "城南夜市",
            june(),
            &[],
            Some((3, "2026-06-02 evening".into(), 2)),
            &[],
        );
        let zh = m.get(crate::i18n::Lang::Zh);
        assert!(zh.contains("本次未获安排摊位"), "{zh}");
        assert!(zh.contains("2026-06-02 evening 第 2 位"), "{zh}");
        let en = m.get(crate::i18n::Lang::En);
        assert!(en.contains("place 2 for 2026-06-02 evening"), "{en}");
    }

    #[test]
    fn a_vendor_kept_off_nights_by_lapsed_papers_is_told_which_to_renew() {
        let m = message(
            "城南夜市",
            june(),
            &[],
            None,
            &[
                ReasonCode::GasInspectionExpired,
                ReasonCode::HealthCertExpired,
            ],
        );
        let zh = m.get(crate::i18n::Lang::Zh);
        assert!(zh.contains("本次未获安排摊位"), "{zh}");
        assert!(zh.contains("燃气") && zh.contains("健康证"), "{zh}");
        let en = m.get(crate::i18n::Lang::En);
        assert!(
            en.contains("gas") && en.contains("health certificate"),
            "{en}"
        );
        let none = message("城南夜市", june(), &[], None, &[]).get(crate::i18n::Lang::Zh);
        assert!(!none.contains("燃气"), "{none}");
        // All three, and a queue with nothing won: "有", not "另有".
        let all = message(
            "城南夜市",
            june(),
            &[],
            Some((2, "2026-06-02 evening".into(), 1)),
            &[
                ReasonCode::GasInspectionExpired,
                ReasonCode::HealthCertExpired,
                ReasonCode::VendorSuspended,
            ],
        )
        .get(crate::i18n::Lang::Zh);
        assert!(
            all.contains("燃气") && all.contains("健康证") && all.contains("暂停经营"),
            "{all}"
        );
        assert!(
            all.contains("有 2 场进入候补") && !all.contains("另有"),
            "{all}"
        );
    }
}
