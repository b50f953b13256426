//! The published-seed lottery and the input hash, written out so anyone can re-run them.
//!
//! RNG: ChaCha20 keyed with SHA-256(seed as UTF-8). Draw: Fisher–Yates from the last position
//! down over application ids sorted ascending; position i swaps with j uniform in [0, i],
//! taken as `x % (i+1)` from the next `u64` x, rejecting x above the largest multiple of i+1
//! so no id is favoured. Written by hand rather than `SliceRandom::shuffle` so the procedure
//! stays fixed across rand releases.

use rand::RngCore;
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::error::AllocationError;
use super::model::AllocationInput;
use super::policy::Policy;

pub const ENGINE: &str = "nightmarket-allocation/2";

pub fn rng_from_seed(seed: &str) -> ChaCha20Rng {
    let key: [u8; 32] = Sha256::digest(seed.as_bytes()).into();
    ChaCha20Rng::from_seed(key)
}

fn below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    // 2^64 mod n: the values at the top that would make small results likelier.
    let skew = (u64::MAX % n + 1) % n;
    loop {
        let x = rng.next_u64();
        if x <= u64::MAX - skew {
            return x % n;
        }
    }
}

/// Lottery order of the given ids (sorted first, so the input order does not matter).
pub fn draw_order(ids: &[i64], seed: &str) -> Vec<i64> {
    let mut v = ids.to_vec();
    v.sort_unstable();
    let mut rng = rng_from_seed(seed);
    for i in (1..v.len()).rev() {
        let j = below(&mut rng, i as u64 + 1) as usize;
        v.swap(i, j);
    }
    v
}

#[derive(Serialize)]
struct Hashed<'a> {
    engine: &'a str,
    input: &'a AllocationInput,
    policy: &'a Policy,
    seed: &'a str,
}

/// SHA-256 hex of the canonical JSON of everything that decides the result. `input` must
/// already be canonical ([`AllocationInput::canonical`]).
pub fn input_hash(
    input: &AllocationInput,
    policy: &Policy,
    seed: &str,
) -> Result<String, AllocationError> {
    let json = serde_json::to_vec(&Hashed {
        engine: ENGINE,
        input,
        policy,
        seed,
    })
    .map_err(|e| AllocationError::Serialize(e.to_string()))?;
    let digest = Sha256::digest(&json);
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}
