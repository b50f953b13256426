//! The client's address behind a load balancer. Per-address limits (login guesses,
//! registrations, complaints) key on the connection's peer; behind a proxy every request comes
//! from the proxy, so one attacker would lock out the whole county. `X-Forwarded-For` is
//! believed only when the connection comes from a proxy the operator named
//! (`trusted_proxies`), and then only as far as the first hop that is not one of them: a
//! client cannot forge its way past the limits by sending the header itself.

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses addresses (`10.0.0.7`) and networks (`10.0.0.0/8`, `fd00::/8`); an entry that
    /// is neither is an error naming it.
    pub fn parse(entries: &[String]) -> anyhow::Result<Self> {
        entries
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .map(|e| {
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        anyhow::anyhow!(
                            "trusted_proxies: `{e}` is neither an IP address nor a network such as 10.0.0.0/8"
                        )
                    })
            })
            .collect::<anyhow::Result<Vec<_>>>()
            .map(Self)
    }

    /// Whether none is named (the header is then never read).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|n| n.contains(&ip))
    }

    /// The client behind `peer`: `peer` itself unless it is trusted; else the hops of
    /// `forwarded` (the `X-Forwarded-For` values in order, each a comma-separated list, the
    /// nearest hop last) walked from the nearest, past trusted proxies, to the first that is
    /// not one. A hop that is not an address ends the walk at the last proxy seen: past it,
    /// nothing can be believed.
    pub fn client<'a>(&self, peer: IpAddr, forwarded: impl Iterator<Item = &'a str>) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).collect();
        let mut nearest = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = hop_address(hop.trim()) else {
                return nearest;
            };
            if !self.trusts(ip) {
                return ip.to_canonical();
            }
            nearest = ip;
        }
        nearest
    }
}

/// A hop's address: `198.51.100.8`, `2001:db8::1`, or with the port some balancers add
/// (`198.51.100.8:4001`, `[2001:db8::1]:4001`).
fn hop_address(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// Middleware: replaces the connection's address seen by every handler and layer inside with
/// the client's, when the connection comes from a trusted proxy.
pub async fn layer(
    State(trusted): State<Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !trusted.is_empty()
        && let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>()
    {
        let peer = *peer;
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        let client = trusted.client(peer.ip(), forwarded);
        if client != peer.ip() {
            request
                .extensions_mut()
                .insert(ConnectInfo(SocketAddr::new(client, 0)));
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(nets: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(&nets.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).unwrap()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_proxy_and_only_past_trusted_hops() {
        let t = trusted(&["10.0.0.0/8", "192.0.2.1"]);
        // Not from a proxy: the header is the client's own words, ignored.
        assert_eq!(
            t.client(ip("198.51.100.9"), ["203.0.113.5"].into_iter()),
            ip("198.51.100.9")
        );
        // From the balancer: the hop before it.
        assert_eq!(
            t.client(ip("10.1.2.3"), ["203.0.113.5"].into_iter()),
            ip("203.0.113.5")
        );
        // A client that forges a first hop gets its own address, the one the proxy added.
        assert_eq!(
            t.client(ip("10.1.2.3"), ["1.2.3.4, 203.0.113.5"].into_iter()),
            ip("203.0.113.5")
        );
        // Two proxies in a row, across two header lines.
        assert_eq!(
            t.client(
                ip("10.1.2.3"),
                ["203.0.113.5, 192.0.2.1", "10.9.9.9"].into_iter()
            ),
            ip("203.0.113.5")
        );
        // A hop with the port a balancer added.
        assert_eq!(
            t.client(ip("10.1.2.3"), ["198.51.100.88:4001"].into_iter()),
            ip("198.51.100.88")
        );
        assert_eq!(
            t.client(ip("10.1.2.3"), ["[2001:db8::7]:4001"].into_iter()),
            ip("2001:db8::7")
        );
        // Garbage stops the walk at the last proxy; no header keeps the peer.
        assert_eq!(
            t.client(ip("10.1.2.3"), ["unknown"].into_iter()),
            ip("10.1.2.3")
        );
        assert_eq!(t.client(ip("10.1.2.3"), std::iter::empty()), ip("10.1.2.3"));
        // An IPv4 peer seen as IPv6-mapped is the same address.
        assert_eq!(
            t.client(ip("::ffff:10.1.2.3"), ["203.0.113.5"].into_iter()),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn an_entry_that_is_no_address_is_refused_by_name() {
        let err = TrustedProxies::parse(&["10.0.0.0/8".into(), "lb.local".into()]).unwrap_err();
        assert!(err.to_string().contains("lb.local"), "{err}");
        assert!(TrustedProxies::parse(&[]).unwrap().is_empty());
    }
}
