//! The request parts every route shares, parsed and bounded once: paging (`?limit=&offset=`),
//! ids in the path and `YYYY-MM-DD` dates. A fix here reaches every route that takes them.

mod dates;
mod ids;
mod paging;

pub use dates::{Date, query_date};
pub use ids::PathId;
pub use paging::{MAX_LIMIT, Paging};
