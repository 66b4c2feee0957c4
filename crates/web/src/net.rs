//! Who is on the other end of a connection, and how many connections one client may hold.
//!
//! - A client is keyed by its address: an IPv4 address, or the /64 network of an IPv6 address
//!   (one household or phone gets a whole /64). Behind a reverse proxy every connection comes
//!   from the proxy, so `--trusted-proxy CIDR` names the proxies whose `Forwarded` or
//!   `X-Forwarded-For` header is believed; anyone else's is ignored.
//! - The listener serves HTTP/1.1 itself, so that a silent or slow client cannot hold sockets
//!   forever: request headers must arrive within a time limit, which is also how long a kept-alive
//!   connection may stay idle; one address may hold a bounded share of the connections, and the
//!   server a bounded total. A refused connection gets a short 429 (this address) or 503 (the
//!   server) and is closed at once, so a flood never takes the descriptors the health check needs.

use axum::extract::ConnectInfo;
use axum::http::HeaderMap;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

/// A network in CIDR notation, e.g. `10.0.0.0/8` or `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(raw: &str) -> Result<Cidr, String> {
        let (address, prefix) = raw.trim().split_once('/').unwrap_or((raw.trim(), ""));
        let network: IpAddr = address.parse().map_err(|_| format!("`{raw}` is not an address or a network (CIDR)"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() {
            max
        } else {
            prefix
                .parse::<u8>()
                .ok()
                .filter(|prefix| *prefix <= max)
                .ok_or(format!("`{raw}`: the prefix goes from 0 to {max}"))?
        };
        Ok(Cidr { network, prefix })
    }
}

impl Cidr {
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        match (self.network, address) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(network) & mask == u32::from(address) & mask
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(network) & mask == u128::from(address) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4 address mapped into IPv6 is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// The key rate limits and connection caps count a client by: its IPv4 address, or the /64
/// network of its IPv6 address.
pub fn client_key(address: IpAddr) -> String {
    match canonical(address) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64));
            format!("{network}/64")
        }
    }
}

/// The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address
/// in the forwarding headers that is not itself a trusted proxy.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |address: IpAddr| trusted.iter().any(|cidr| cidr.contains(address));
    if !is_trusted(peer) {
        return peer;
    }
    // The last proxy appends the address it saw last: read from the right.
    let forwarded: Vec<IpAddr> = forwarded_for(headers);
    forwarded.into_iter().rev().find(|address| !is_trusted(*address)).unwrap_or(peer)
}

/// The addresses of `Forwarded` (RFC 7239) or, without it, `X-Forwarded-For`, in order.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let values = |name| headers.get_all(name).iter().filter_map(|value| value.to_str().ok()).collect::<Vec<_>>();
    let standard: Vec<IpAddr> = values("forwarded")
        .into_iter()
        .flat_map(|value| value.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                if !name.trim().eq_ignore_ascii_case("for") {
                    return None;
                }
                // `for="[2001:db8::1]:4711"`, `for=192.0.2.60`, `for="192.0.2.60:80"`.
                let value = value.trim().trim_matches('"');
                let host = match value.strip_prefix('[') {
                    Some(rest) => rest.split(']').next()?,
                    None => value.split(':').next()?,
                };
                host.parse().ok()
            })
        })
        .collect();
    if !standard.is_empty() {
        return standard;
    }
    values("x-forwarded-for")
        .into_iter()
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.trim().parse().ok())
        .collect()
}

/// True for a `Host` header that is an IP address or `localhost`, with or without a port.
pub fn is_address_host(host: &str) -> bool {
    let without_port = match host.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((address, rest)) if rest.is_empty() || valid_port(rest) => return address.parse::<Ipv6Addr>().is_ok(),
            _ => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if valid_port(&format!(":{port}")) => name,
            Some(_) => return false,
            None => host,
        },
    };
    without_port.eq_ignore_ascii_case("localhost") || without_port.parse::<std::net::Ipv4Addr>().is_ok()
}

fn valid_port(rest: &str) -> bool {
    rest.strip_prefix(':').is_some_and(|port| port.parse::<u16>().is_ok())
}

/// How many connections the server takes, and for how long a silent one stays.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Open connections in all, live streams included.
    pub total: usize,
    /// Open connections from one client address (a trusted proxy counts only in the total).
    pub per_address: usize,
    /// Time for a request's headers to arrive, and for a kept-alive connection to stay idle.
    pub header_read: Duration,
}

impl ConnectionLimits {
    /// Limits that fit `descriptors` open files: a reserve stays for the database, the log
    /// and the health check's own connection, and one address may take half of the rest (a
    /// room of phones behind one venue router holds a live stream each, and some more).
    pub fn for_descriptors(descriptors: u64) -> ConnectionLimits {
        let usable = descriptors.saturating_sub(RESERVED_DESCRIPTORS).clamp(16, 100_000) as usize;
        ConnectionLimits { total: usable, per_address: (usable / 2).max(8), header_read: Duration::from_secs(15) }
    }
}

/// Descriptors kept for everything but client connections: the database and its write-ahead
/// log, the readers' connections, the data folder's lock, standard streams.
const RESERVED_DESCRIPTORS: u64 = 64;

/// Open connections, in all and by client.
#[derive(Default)]
struct Counts {
    total: usize,
    by_client: HashMap<String, usize>,
}

/// One open connection in the counts; leaves them when dropped.
struct Admitted {
    counts: Arc<Mutex<Counts>>,
    client: Option<String>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        counts.total -= 1;
        if let Some(client) = &self.client
            && let Some(n) = counts.by_client.get_mut(client)
        {
            *n -= 1;
            if *n == 0 {
                counts.by_client.remove(client);
            }
        }
    }
}

enum Refusal {
    ThisAddress,
    Server,
}

fn admit(
    counts: &Arc<Mutex<Counts>>,
    limits: ConnectionLimits,
    peer: IpAddr,
    trusted: &[Cidr],
) -> Result<Admitted, Refusal> {
    let mut guard = counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if guard.total >= limits.total {
        return Err(Refusal::Server);
    }
    // A trusted proxy carries many clients: it counts in the total only.
    let client = (!trusted.iter().any(|cidr| cidr.contains(peer))).then(|| client_key(peer));
    if let Some(client) = &client {
        let n = guard.by_client.entry(client.clone()).or_default();
        if *n >= limits.per_address {
            return Err(Refusal::ThisAddress);
        }
        *n += 1;
    }
    guard.total += 1;
    drop(guard);
    Ok(Admitted { counts: counts.clone(), client })
}

/// Answers a refused connection in a few bytes and closes it; a client that does not read
/// gets no more than a second of our time.
async fn refuse(mut stream: tokio::net::TcpStream, refusal: Refusal) {
    let (status, message) = match refusal {
        Refusal::ThisAddress => (
            "429 Too Many Requests",
            "Too many connections from your address. Close some pages and try again. / Trop de connexions depuis votre adresse : fermez quelques pages puis réessayez.",
        ),
        Refusal::Server => (
            "503 Service Unavailable",
            "The server is at its connection limit. Try again in a moment. / Le serveur a atteint sa limite de connexions : réessayez dans un instant.",
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nRetry-After: 5\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{message}",
        message.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// Serves `router` on `listener` until `shutdown`, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    router: axum::Router,
    limits: ConnectionLimits,
    trusted: Arc<Vec<Cidr>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
    on_shutdown: impl FnOnce() + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let counts: Arc<Mutex<Counts>> = Arc::default();
    let connections = tokio_util::task::TaskTracker::new();
    let stopping = tokio_util::sync::CancellationToken::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors, or a connection reset before it was taken: wait a
                    // moment rather than spin; refused and idle connections free descriptors.
                    tracing::debug!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let admitted = match admit(&counts, limits, peer.ip(), &trusted) {
            Ok(admitted) => admitted,
            Err(refusal) => {
                connections.spawn(refuse(stream, refusal));
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: axum::http::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let stopping = stopping.clone();
        connections.spawn(async move {
            let _admitted = admitted;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read).keep_alive(true);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = stopping.cancelled() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    on_shutdown();
    stopping.cancel();
    connections.close();
    connections.wait().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(raw: &str) -> Cidr {
        raw.parse().unwrap()
    }

    #[test]
    fn networks_contain_their_addresses() {
        assert!(cidr("10.0.0.0/8").contains("10.200.3.4".parse().unwrap()));
        assert!(!cidr("10.0.0.0/8").contains("11.0.0.1".parse().unwrap()));
        assert!(cidr("192.168.1.7").contains("192.168.1.7".parse().unwrap()));
        assert!(cidr("0.0.0.0/0").contains("8.8.8.8".parse().unwrap()));
        assert!(cidr("fd00::/8").contains("fd12::1".parse().unwrap()));
        assert!(cidr("127.0.0.1").contains("::ffff:127.0.0.1".parse().unwrap()), "mapped addresses are IPv4");
        assert!(!cidr("fd00::/8").contains("10.0.0.1".parse().unwrap()));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("proxy".parse::<Cidr>().is_err());
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_bit_network() {
        assert_eq!(
            client_key("2001:db8:1:2:aaaa::1".parse().unwrap()),
            client_key("2001:db8:1:2:bbbb::9".parse().unwrap())
        );
        assert_ne!(client_key("2001:db8:1:2::1".parse().unwrap()), client_key("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(client_key("192.0.2.1".parse().unwrap()), "192.0.2.1");
        assert_eq!(client_key("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1");
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_proxy() {
        let trusted = [cidr("10.0.0.0/8")];
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.9, 10.0.0.3".parse().unwrap());
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let stranger: IpAddr = "198.51.100.4".parse().unwrap();
        assert_eq!(client_address(proxy, &headers, &trusted), "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(client_address(stranger, &headers, &trusted), stranger, "a forged header from anyone else");
        headers.insert("forwarded", "for=198.51.100.17;proto=https, for=\"[2001:db8::7]:4711\"".parse().unwrap());
        assert_eq!(client_address(proxy, &headers, &trusted), "2001:db8::7".parse::<IpAddr>().unwrap());
        assert_eq!(client_address(proxy, &HeaderMap::new(), &trusted), proxy, "no header: the proxy itself");
    }

    #[test]
    fn only_addresses_and_localhost_make_links() {
        for host in ["192.168.1.20:8080", "127.0.0.1", "localhost:8080", "[::1]:8080", "[fe80::1]"] {
            assert!(is_address_host(host), "{host}");
        }
        for host in ["evil.example", "evil.example:8080", "192.168.1.20:port", "", "[::1", "localhost.evil.example"] {
            assert!(!is_address_host(host), "{host}");
        }
    }

    #[test]
    fn one_address_takes_its_share_and_the_total_is_kept() {
        let counts: Arc<Mutex<Counts>> = Arc::default();
        let limits = ConnectionLimits { total: 5, per_address: 3, header_read: Duration::from_secs(1) };
        let flood: IpAddr = "192.0.2.1".parse().unwrap();
        let mut held: Vec<Admitted> = (0..3).map(|_| admit(&counts, limits, flood, &[]).ok().unwrap()).collect();
        assert!(matches!(admit(&counts, limits, flood, &[]), Err(Refusal::ThisAddress)));
        held.push(admit(&counts, limits, "192.0.2.2".parse().unwrap(), &[]).ok().unwrap());
        held.push(admit(&counts, limits, "192.0.2.3".parse().unwrap(), &[]).ok().unwrap());
        assert!(matches!(admit(&counts, limits, "192.0.2.4".parse().unwrap(), &[]), Err(Refusal::Server)));
        held.truncate(1);
        assert!(admit(&counts, limits, flood, &[]).is_ok(), "closed connections leave the counts");
        let limits = ConnectionLimits::for_descriptors(1024);
        assert!(limits.total < 1024 && limits.per_address < limits.total);
    }
}
