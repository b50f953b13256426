//! Clean GeoJSON around locked stalls: every outline of the layout corpus laid out, every Nth
//! stall locked as stored, the rest laid out again around them and written as the API writes
//! it. Prints, per locking density, the stalls written, the sites where two stalls overlap by
//! more than 1 cm² once parsed back, and the largest overlap; and the same when the new stalls
//! are written without regard to the locked ones, as they were before.
//!
//! `cargo bench -p nightmarket-core --bench clean_geojson` (about a minute).

#[path = "../tests/support/locked_corpus.rs"]
mod locked_corpus;
#[path = "../tests/support/relock.rs"]
mod relock;

fn main() {
    println!(
        "| locked | stalls | sites over 1 cm² | largest overlap | written blind: sites | largest | s |"
    );
    println!("|---|---|---|---|---|---|---|");
    for every in [25, 11, 7, 5, 3, 2] {
        let started = std::time::Instant::now();
        let f = locked_corpus::figures(every);
        println!(
            "| every {every} | {} | {} of 79 | {:.2} cm² | {} of 79 | {:.2} cm² | {:.1} |",
            f.stalls,
            f.dirty.len(),
            f.worst,
            f.dirty_blind,
            f.worst_blind,
            started.elapsed().as_secs_f64()
        );
        for d in f.dirty {
            println!("|  | {d} | | | | | |");
        }
    }
}
