//! The engine against the exact optimum on small counties (≤ 500 applications): the bookings
//! it places are within 2 % of the most any allocation could place under the same rules, as a
//! linear programme solved by `good_lp` + `microlp` finds it (`benches/support/optimum.rs`).

#[path = "../benches/support/county.rs"]
mod county;
#[path = "../benches/support/optimum.rs"]
mod optimum;

use county::{Shape, county, rotation_policy, serial_policy};
use nightmarket::allocation::{self, Policy};

/// Bookings placed by the engine and the optimum (whole numbers) for one county.
fn ours_and_optimum(apps: i64, seed: u64, policy: &Policy) -> (usize, f64) {
    let input = county(&Shape::small(apps), apps, seed);
    let ours = allocation::allocate(&input, policy, &format!("optimum-{seed}"))
        .expect("a valid county")
        .bookings
        .len();
    let best = optimum::max_placed(&input, policy, true).expect("the model solves");
    let whole = best.integer.expect("asked for the whole-number optimum");
    assert!(
        whole <= best.lp + 1e-6,
        "the relaxation bounds the whole-number optimum ({} variables, {} constraints)",
        best.variables,
        best.constraints
    );
    (ours, whole)
}

#[test]
fn rotation_under_every_hard_rule_but_adjacency_places_within_two_percent_of_the_optimum() {
    let policy = Policy {
        no_adjacent_same_category: false,
        ..rotation_policy()
    };
    for (apps, seed) in [(60, 1), (120, 2), (200, 3), (300, 4)] {
        let (ours, best) = ours_and_optimum(apps, seed, &policy);
        assert!(
            ours as f64 <= best + 1e-6,
            "{apps} applications: ours {ours} above the optimum {best}: the model misses a rule"
        );
        assert!(
            ours as f64 >= 0.98 * best,
            "{apps} applications, seed {seed}: ours {ours}, optimum {best}"
        );
    }
}

#[test]
fn with_adjacency_too_rotation_stays_within_two_percent_of_an_upper_bound() {
    // The model leaves adjacency out, so its optimum can only be higher than the true one.
    for (apps, seed) in [(80, 11), (250, 12)] {
        let (ours, bound) = ours_and_optimum(apps, seed, &rotation_policy());
        assert!(
            ours as f64 >= 0.98 * bound,
            "{apps} applications, seed {seed}: ours {ours}, bound {bound}"
        );
    }
}

#[test]
fn the_plain_lottery_is_measured_by_the_same_model() {
    let (ours, best) = ours_and_optimum(150, 21, &serial_policy());
    assert!(
        ours as f64 <= best + 1e-6 && ours as f64 >= 0.98 * best,
        "{ours} vs {best}"
    );
}
