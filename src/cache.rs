//! In-process caches of what the plan pages draw, each entry checked on every use against the
//! database's revision counters (migration 000090), so several server processes can share one
//! database and none ever serves a plan older than the last committed change.
//!
//! A caller reads the counters first and builds the value from data read afterwards: a change
//! that lands in between makes the stored entry look older than it is, never newer, so the
//! next request rebuilds it.

use crate::db::Sql;
use sea_orm::{ConnectionTrait, DbErr};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// What a cached value was built from: revision counters and a fingerprint of the rows the
/// caller read itself (session, market, site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    revisions: Vec<i64>,
    rows: u64,
}

/// A revision counter (`site`, `session`, `market`, or `people` with id 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope(pub &'static str, pub i32);

impl Token {
    /// Reads the counters of `scopes` (a missing counter is 0: nothing changed since the
    /// migration) and fingerprints `rows` (anything `Debug`, e.g. the models already loaded).
    pub async fn read(
        db: &impl ConnectionTrait,
        scopes: &[Scope],
        rows: &[&(dyn std::fmt::Debug + Sync)],
    ) -> Result<Token, DbErr> {
        let mut sql = Sql::new(db.get_database_backend());
        sql.push("SELECT scope, ref_id, n FROM revisions WHERE 1 = 0");
        for scope in scopes {
            sql.push(" OR (scope = ")
                .bind(scope.0)
                .push(" AND ref_id = ")
                .bind(scope.1)
                .push(")");
        }
        let found = db.query_all_raw(sql.build()).await?;
        let mut revisions = vec![0; scopes.len()];
        for row in found {
            let scope: String = row.try_get_by_index(0)?;
            let id: i32 = row.try_get_by_index(1)?;
            let n: i64 = row.try_get_by_index(2)?;
            if let Some(i) = scopes.iter().position(|s| s.0 == scope && s.1 == id) {
                revisions[i] = n;
            }
        }
        let mut hasher = DefaultHasher::new();
        for row in rows {
            format!("{row:?}").hash(&mut hasher);
        }
        Ok(Token {
            revisions,
            rows: hasher.finish(),
        })
    }
}

/// A bounded map from a key to the value last built for it and the token it was built from.
pub struct RevisionCache<K, V> {
    entries: Mutex<HashMap<K, (Token, Arc<V>)>>,
    /// One build at a time per key: fifty requests that miss together wait for one build
    /// instead of each reading the same thousand rows.
    builders: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V> RevisionCache<K, V> {
    /// A cache of at most `capacity` entries.
    pub fn new(capacity: usize) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            builders: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The build lock of `key`.
    fn builder(&self, key: &K) -> Arc<tokio::sync::Mutex<()>> {
        let mut builders = self.builders.lock().unwrap_or_else(|e| e.into_inner());
        if builders.len() >= 2 * self.capacity && !builders.contains_key(key) {
            // Forgetting a lock someone holds costs at most one duplicate build.
            builders.clear();
        }
        builders.entry(key.clone()).or_default().clone()
    }

    /// The value for `key` if it was built from exactly `token`.
    pub fn get(&self, key: &K, token: &Token) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(built_from, _)| built_from == token)
            .map(|(_, value)| value.clone())
    }

    /// Stores a value built from `token`. When full, the cache starts over: plans are cheap to
    /// rebuild once, and a plain reset cannot grow without bound or thrash on a hot entry.
    pub fn put(&self, key: K, token: Token, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, (token, value));
    }

    /// The value for `key` built from `token`, building and storing it when missing or stale.
    pub async fn get_or_build<F, Fut, E>(&self, key: K, token: Token, build: F) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, E>>,
    {
        if let Some(hit) = self.get(&key, &token) {
            return Ok(hit);
        }
        let builder = self.builder(&key);
        let _building = builder.lock().await;
        if let Some(hit) = self.get(&key, &token) {
            return Ok(hit);
        }
        let value = Arc::new(build().await?);
        self.put(key, token, value.clone());
        Ok(value)
    }
}

/// The caches of one server process. A feature keeps its own typed cache here
/// ([`Caches::of`]) without the shell knowing its types: the shell never imports a feature.
pub struct Caches {
    /// Each feature's cache, by its type.
    by_type: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
    /// Rendered plan figures and bodies, by page, session, language and viewer.
    pub plans: RevisionCache<PlanKey, String>,
}

impl Caches {
    /// The cache of type `C`, made with `C::default()` on first use.
    pub fn of<C: Default + Send + Sync + 'static>(&self) -> Arc<C> {
        let mut map = self.by_type.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map
            .entry(TypeId::of::<C>())
            .or_insert_with(|| Arc::new(C::default()));
        Arc::clone(entry)
            .downcast::<C>()
            .expect("an entry is stored under its own type id")
    }
}

/// Which rendering of a session's plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanKey {
    /// `public` (taken/free, the viewer's own stall starred) or `staff` (by category).
    pub page: &'static str,
    /// The session.
    pub session_id: i32,
    /// The page language.
    pub lang: crate::i18n::Lang,
    /// What differs per viewer on that page (the starred vendor, whether they may choose).
    pub viewer: Option<(i32, bool)>,
}

impl Default for Caches {
    fn default() -> Self {
        Self {
            by_type: Mutex::new(HashMap::new()),
            plans: RevisionCache::new(256),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{RevisionCache, Token};

    fn token(n: i64) -> Token {
        Token {
            revisions: vec![n],
            rows: 0,
        }
    }

    #[test]
    fn an_entry_is_served_only_for_the_token_it_was_built_from() {
        let cache: RevisionCache<i32, &str> = RevisionCache::new(4);
        cache.put(1, token(7), "built at 7".into());
        assert_eq!(cache.get(&1, &token(7)).as_deref(), Some(&"built at 7"));
        assert!(
            cache.get(&1, &token(8)).is_none(),
            "a newer revision misses"
        );
        assert!(cache.get(&2, &token(7)).is_none());
    }

    #[tokio::test]
    async fn requests_that_miss_together_build_once() {
        let cache: std::sync::Arc<RevisionCache<i32, usize>> =
            std::sync::Arc::new(RevisionCache::new(4));
        let builds = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let (cache, builds) = (cache.clone(), builds.clone());
                tokio::spawn(async move {
                    cache
                        .get_or_build(1, token(3), || async {
                            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                            Ok::<_, ()>(builds.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
                        })
                        .await
                })
            })
            .collect();
        for t in tasks {
            assert_eq!(*t.await.expect("task").expect("built"), 0);
        }
        assert_eq!(builds.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn a_full_cache_starts_over_instead_of_growing() {
        let cache: RevisionCache<i32, i32> = RevisionCache::new(2);
        cache.put(1, token(0), 1.into());
        cache.put(2, token(0), 2.into());
        cache.put(2, token(1), 2.into());
        assert!(
            cache.get(&1, &token(0)).is_some(),
            "replacing a key keeps the others"
        );
        cache.put(3, token(0), 3.into());
        assert!(cache.get(&1, &token(0)).is_none());
        assert!(cache.get(&3, &token(0)).is_some());
    }
}
