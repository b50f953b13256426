//! The stall editor on the 400 m demo street at 390 px, where the plan is a strip turned along
//! the street (about 8° off east) and cut into stacked segments: a stall dragged onto another
//! segment's row lands where it was dropped; a drag straight across the drawn street moves it
//! straight across (a move east/north read off the screen would run it into its neighbour);
//! a stall turned by its handle turns the way the finger went (the wrong way would face its
//! front into the next stall, which the server refuses).

use super::Browser;
use serde_json::{Value, json};

/// Every stall of the plan: code, segment, the centre of its outline relative to the plan
/// (CSS px).
const STALLS: &str = "const s = document.querySelector('#editor-plan svg').getBoundingClientRect(); \
    return [...document.querySelectorAll('#editor-plan g.stall')].map((g) => { \
      const r = g.querySelector('path').getBoundingClientRect(); \
      return [g.dataset.code, Number(g.closest('g.segment').dataset.segment), \
              r.left + r.width / 2 - s.left, r.top + r.height / 2 - s.top]; });";

/// One stall (its outline, not its label) scrolled to the middle of the screen: its centre on
/// the screen, its centre relative to the plan, its drawn width and height (CSS px).
const STALL_AT: &str = "const g = document.querySelector(`#editor-plan g.stall[data-code='${arguments[0]}']`); \
    if (!g) { return null; } \
    if (arguments[1]) { g.scrollIntoView({block: 'center'}); } \
    const r = g.querySelector('path').getBoundingClientRect(), s = g.closest('svg').getBoundingClientRect(); \
    return [r.left + r.width / 2, r.top + r.height / 2, r.left + r.width / 2 - s.left, \
            r.top + r.height / 2 - s.top, r.width, r.height];";

/// A stall's place as [`STALL_AT`] reads it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    screen: (f64, f64),
    in_plan: (f64, f64),
    size: (f64, f64),
}

impl Browser {
    /// Presses at the first point, moves through the others, lets go at the last (viewport
    /// CSS px), as a finger does.
    async fn drag(&self, path: &[(f64, f64)]) {
        let mut actions = vec![
            json!({"type": "pointerMove", "duration": 0, "origin": "viewport",
                   "x": path[0].0.round() as i64, "y": path[0].1.round() as i64}),
            json!({"type": "pointerDown", "button": 0}),
        ];
        for p in &path[1..] {
            actions.push(
                json!({"type": "pointerMove", "duration": 120, "origin": "viewport",
                                "x": p.0.round() as i64, "y": p.1.round() as i64}),
            );
        }
        actions.push(json!({"type": "pointerUp", "button": 0}));
        self.cmd(
            reqwest::Method::POST,
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "finger",
                "parameters": {"pointerType": "mouse"}, "actions": actions}]})),
        )
        .await;
        self.cmd(reqwest::Method::DELETE, "/actions", None).await;
    }

    async fn stall_at(&self, code: &str, scroll: bool) -> Seen {
        let v = self.exec(STALL_AT, json!([code, scroll])).await;
        let n = |i: usize| v[i].as_f64().unwrap_or_else(|| panic!("{code}: {v}"));
        Seen {
            screen: (n(0), n(1)),
            in_plan: (n(2), n(3)),
            size: (n(4), n(5)),
        }
    }

    /// The plan's top-left corner on the screen now.
    async fn plan_corner(&self) -> (f64, f64) {
        let v = self
            .exec(
                "const s = document.querySelector('#editor-plan svg').getBoundingClientRect(); return [s.left, s.top];",
                json!([]),
            )
            .await;
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
    }

    /// Opens the editor afresh (nothing selected) and ticks a stall's box in the list (as a
    /// tap on the plan would).
    async fn select_stall(&mut self, editor: &str, code: &str) {
        self.go(editor).await;
        let id = self
            .find(&format!("input[name='ids'][data-code='{code}']"))
            .await;
        self.cmd(
            reqwest::Method::POST,
            &format!("/element/{id}/click"),
            Some(json!({})),
        )
        .await;
    }

    /// Waits for the editor to come back after an edit; panics with the refusal if any.
    async fn saved(&self, what: &str) {
        let started = std::time::Instant::now();
        loop {
            let state = self
                .exec(
                    "if (window.__beforeSubmit) { return 'old'; } \
                     const r = document.getElementById('refusal'); \
                     if (r) { return 'refused: ' + r.textContent; } \
                     return document.querySelector('p.flash') ? 'saved' : 'loading';",
                    json!([]),
                )
                .await;
            match state.as_str().unwrap_or_default() {
                "saved" => return,
                s if s.starts_with("refused") => panic!("{what}: {s}"),
                _ => {}
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(15),
                "{what}: the editor did not come back"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    async fn mark_page(&self) {
        self.exec("window.__beforeSubmit = true;", json!([])).await;
    }
}

/// The site's stalls through the API: code → centre (lon, lat).
async fn centres(origin: &str, site: i64) -> Vec<(String, (f64, f64))> {
    let body: Value = reqwest::get(format!("{origin}/api/v1/sites/{site}/stalls?limit=1000"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let ring = s["polygon"]["coordinates"][0].as_array().unwrap();
            let pts = &ring[..ring.len() - 1];
            let n = pts.len() as f64;
            let lon = pts.iter().map(|p| p[0].as_f64().unwrap()).sum::<f64>() / n;
            let lat = pts.iter().map(|p| p[1].as_f64().unwrap()).sum::<f64>() / n;
            (s["code"].as_str().unwrap().to_owned(), (lon, lat))
        })
        .collect()
}

/// Metres between two lon/lat points near Minle (38.43° N).
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0) * 87_220.0).hypot((a.1 - b.1) * 110_990.0)
}

fn number_of(code: &str) -> u32 {
    code.rsplit('-').next().unwrap().parse().unwrap()
}

/// As the street's manager on `/sites/{site}/editor`: delete the last two stalls of a row, drag
/// a stall of an earlier segment onto the last one's place, drag its neighbour straight across
/// the street, then turn that neighbour by its handle to face the freed place.
pub(super) async fn edit_on_the_street(
    b: &mut Browser,
    origin: &str,
    site: i64,
    problems: &mut Vec<String>,
) {
    let editor = format!("{origin}/sites/{site}/editor");
    b.go(&editor).await;
    b.find("#editor-plan svg.plan-strip g.segment g.stall")
        .await;
    problems.extend(b.audit("street-editor").await);
    let all = b.exec(STALLS, json!([])).await;
    let stalls: Vec<(String, u64, f64, f64)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s[0].as_str().unwrap().to_owned(),
                s[1].as_u64().unwrap(),
                s[2].as_f64().unwrap(),
                s[3].as_f64().unwrap(),
            )
        })
        .collect();
    let row_of = |code: &str| code.split('-').nth(1).unwrap_or_default().to_owned();
    // The row whose last stall is drawn in the latest segment (rows are numbered along the
    // street in either direction).
    let last_of = |row: &str| {
        stalls
            .iter()
            .filter(|s| row_of(&s.0) == row)
            .max_by_key(|s| number_of(&s.0))
            .cloned()
            .unwrap()
    };
    let row = ["A", "B"].into_iter().max_by_key(|r| last_of(r).1).unwrap();
    let in_row: Vec<(String, u64, f64, f64)> = stalls
        .iter()
        .filter(|s| row_of(&s.0) == row)
        .cloned()
        .collect();
    let by_number = |n: u32| in_row.iter().find(|s| number_of(&s.0) == n).cloned();
    let last = in_row.iter().map(|s| number_of(&s.0)).max().unwrap();
    let (q, q_before) = (by_number(last).unwrap(), by_number(last - 1).unwrap());
    // P: in an earlier segment than Q, with a neighbour R before it in its own segment.
    let p = in_row
        .iter()
        .filter(|s| s.1 + 1 == q.1 || (q.1 >= 2 && s.1 + 2 == q.1))
        .filter(|s| {
            by_number(number_of(&s.0) - 1).is_some_and(|r| r.1 == s.1)
                && by_number(number_of(&s.0) + 1).is_some()
        })
        .max_by_key(|s| number_of(&s.0))
        .cloned()
        .expect("a stall in an earlier segment");
    let r = by_number(number_of(&p.0) - 1).unwrap();
    assert!(p.1 < q.1, "{p:?} is drawn before {q:?}");
    // Which way the walking lane is from this row on the screen (the other row's side).
    let other_row = stalls
        .iter()
        .find(|s| s.1 == r.1 && row_of(&s.0) != row)
        .map(|s| s.3)
        .expect("the other row of R's segment");
    let towards_lane = if other_row > r.3 { 1.0 } else { -1.0 };
    let before = centres(origin, site).await;
    let centre_of = |code: &str| before.iter().find(|(c, _)| c == code).unwrap().1;

    // 1. Make room at the end of the row, then drag P there: it lands where it is let go.
    b.select_stall(&editor, &q.0).await;
    let id = b
        .find(&format!("input[name='ids'][data-code='{}']", q_before.0))
        .await;
    b.cmd(
        reqwest::Method::POST,
        &format!("/element/{id}/click"),
        Some(json!({})),
    )
    .await;
    b.mark_page().await;
    b.click("button[value='delete']").await;
    b.saved("delete the last two stalls of a row").await;
    b.select_stall(&editor, &p.0).await;
    let from = b.stall_at(&p.0, true).await;
    let corner = b.plan_corner().await;
    // Two px short of Q's centre, towards the freed place before it, and one towards the lane:
    // the row's backs sit on the kerb's clearance, and a finger is a whole pixel (0.12 m).
    let short = if q_before.2 < q.2 { -2.0 } else { 2.0 };
    let drop_in_plan = (q.2 + short, q.3 + towards_lane);
    let drop = (corner.0 + drop_in_plan.0, corner.1 + drop_in_plan.1);
    assert!(
        (drop.1 - from.screen.1).abs() > 40.0,
        "the drop is on another row of the strip"
    );
    let mid = (
        (from.screen.0 + drop.0) / 2.0,
        (from.screen.1 + drop.1) / 2.0,
    );
    b.mark_page().await;
    b.drag(&[from.screen, mid, drop]).await;
    b.saved("drag a stall onto another segment").await;
    b.shot("street-dragged-across-segments").await;
    let landed = b.stall_at(&p.0, false).await;
    let off = (
        landed.in_plan.0 - drop_in_plan.0.round(),
        landed.in_plan.1 - drop_in_plan.1.round(),
    );
    assert!(
        off.0.abs() < 1.0 && off.1.abs() < 1.0,
        "{} landed {off:?} px from where it was dropped",
        p.0
    );
    let after = centres(origin, site).await;
    let p_now = after.iter().find(|(c, _)| *c == p.0).unwrap().1;
    let m = metres(p_now, centre_of(&q.0));
    assert!(m < 0.5, "{} is {m:.2} m from the freed place", p.0);
    println!(
        "street editor: dragged {} onto the place of {} ({m:.2} m off)",
        p.0, q.0
    );

    // 2. R straight across the street by 4 px, towards the walking lane.
    b.select_stall(&editor, &r.0).await;
    let start = b.stall_at(&r.0, true).await;
    let across = (start.screen.0, start.screen.1 + 4.0 * towards_lane);
    b.mark_page().await;
    b.drag(&[
        start.screen,
        (start.screen.0, start.screen.1 + 2.0 * towards_lane),
        across,
    ])
    .await;
    b.saved("drag a stall straight across the street").await;
    let moved = b.stall_at(&r.0, true).await;
    let shift = (
        moved.in_plan.0 - start.in_plan.0,
        moved.in_plan.1 - start.in_plan.1,
    );
    assert!(
        shift.0.abs() < 0.6 && (shift.1 - 4.0 * towards_lane).abs() < 0.6,
        "{} moved {shift:?} px for a 4 px drag across",
        r.0
    );

    // 3. Turn R by its handle a quarter, to face P's old place beside it on the strip.
    let towards_p = if p.2 > r.2 { 1.0 } else { -1.0 };
    b.select_stall(&editor, &r.0).await;
    let seen = b.stall_at(&r.0, true).await;
    let handle = b
        .exec(
            "const h = document.querySelector('#editor-plan .turn-handle'); if (!h) { return null; } \
             const r = h.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];",
            json!([]),
        )
        .await;
    let h = (
        handle[0].as_f64().expect("a turn handle"),
        handle[1].as_f64().unwrap(),
    );
    let l = seen.screen.1 - h.1;
    assert!(
        l > 5.0,
        "the handle sits above the stall: {handle} {seen:?}"
    );
    // The front faces the lane (down the screen for the top row). The turn that brings it to
    // face P's old place takes the handle, straight above the centre, to the side opposite
    // that place for the top row and to the same side for the bottom row.
    let side = -towards_p * towards_lane;
    let c = seen.screen;
    let k = std::f64::consts::FRAC_1_SQRT_2;
    b.mark_page().await;
    b.drag(&[h, (c.0 + side * l * k, c.1 - l * k), (c.0 + side * l, c.1)])
        .await;
    b.saved("turn a stall by its handle to face the free place")
        .await;
    b.shot("street-turned").await;
    let turned = b.stall_at(&r.0, true).await;
    assert!(
        turned.size.0 < turned.size.1 && seen.size.0 > seen.size.1,
        "{} was {:?}, turned {:?}",
        r.0,
        seen.size,
        turned.size
    );
    println!(
        "street editor: {} moved 4 px across and turned a quarter by its handle",
        r.0
    );
}
