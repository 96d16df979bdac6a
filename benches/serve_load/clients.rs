//! The load's clients: keep-alive connections paced to the rate, and slow connections that
//! trickle one header byte a second and are opened again whenever the server cuts them.

use super::*;

/// What the keep-alive connections saw.
#[derive(Default)]
pub(crate) struct Load {
    pub(crate) sent: u64,
    pub(crate) ok: u64,
    pub(crate) bad_status: u64,
    pub(crate) timeouts: u64,
    pub(crate) broken: u64,
    /// Connections opened, the first of each included.
    pub(crate) connects: u64,
    /// Times the server asked to close a keep-alive connection.
    pub(crate) closed_by_server: u64,
    /// Time to the whole reply, for every answered request.
    pub(crate) latencies: Vec<Duration>,
    /// Answers with status 200 by the second of the run they completed in.
    pub(crate) per_second: Vec<u64>,
    /// The latest a request was sent after its due time: the client's own lag.
    pub(crate) max_lag: Duration,
    pub(crate) last_answer: Option<Instant>,
    /// The first few failures, for the report.
    pub(crate) failures: Vec<String>,
}

impl Load {
    pub(crate) fn merge(&mut self, other: Load) {
        self.sent += other.sent;
        self.ok += other.ok;
        self.bad_status += other.bad_status;
        self.timeouts += other.timeouts;
        self.broken += other.broken;
        self.connects += other.connects;
        self.closed_by_server += other.closed_by_server;
        self.latencies.extend(other.latencies);
        if self.per_second.len() < other.per_second.len() {
            self.per_second.resize(other.per_second.len(), 0);
        }
        for (total, n) in self.per_second.iter_mut().zip(other.per_second) {
            *total += n;
        }
        self.max_lag = self.max_lag.max(other.max_lag);
        self.last_answer = self.last_answer.max(other.last_answer);
        for failure in other.failures {
            self.fail(failure);
        }
    }

    pub(crate) fn errors(&self) -> u64 {
        self.bad_status + self.timeouts + self.broken
    }

    pub(crate) fn fail(&mut self, failure: String) {
        if self.failures.len() < 5 {
            self.failures.push(failure);
        }
    }
}

/// Keep-alive connection `i` of `KEEP_ALIVE`: a request every `KEEP_ALIVE / RATE` seconds, the
/// connections' schedules staggered evenly, for [`seconds`]. A late request is sent at once, so
/// a slow answer costs rate only if the lag never catches up.
pub(crate) async fn load(addr: SocketAddr, i: u32, start: Instant) -> Load {
    let period = Duration::from_secs(KEEP_ALIVE.into()) / RATE;
    let offset = period * i / KEEP_ALIVE;
    let count = RATE * seconds() / KEEP_ALIVE;
    let request = format!("GET {PATH} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: serve_load\r\n\r\n");
    let mut out = Load {
        latencies: Vec::with_capacity(count as usize),
        per_second: vec![0; seconds() as usize + 2],
        ..Load::default()
    };
    let mut conn: Option<Conn> = None;
    for k in 0..count {
        let due = start + offset + period * k;
        sleep_until(due).await;
        let sent = Instant::now();
        out.max_lag = out.max_lag.max(sent - due);
        out.sent += 1;
        if conn.is_none() {
            out.connects += 1;
        }
        let reply = timeout(
            REQUEST_TIMEOUT,
            exchange(&mut conn, addr, request.as_bytes()),
        )
        .await;
        let answered = Instant::now();
        let at = (answered - start).as_secs_f64();
        match reply {
            Ok(Ok(reply)) => {
                out.latencies.push(answered - sent);
                out.last_answer = Some(answered);
                if reply.status == 200 {
                    out.ok += 1;
                    let second = (at as usize).min(out.per_second.len() - 1);
                    out.per_second[second] += 1;
                } else {
                    out.bad_status += 1;
                    out.fail(format!("{at:.3} s: status {}", reply.status));
                }
                if reply.close {
                    out.closed_by_server += 1;
                    conn = None;
                }
            }
            Ok(Err(e)) => {
                out.broken += 1;
                out.fail(format!("{at:.3} s: connection {i}: {e}"));
                conn = None;
            }
            Err(_) => {
                out.timeouts += 1;
                out.fail(format!(
                    "{at:.3} s: connection {i}: no reply within {REQUEST_TIMEOUT:?}"
                ));
                // Its reply may still come, and would answer the next request.
                conn = None;
            }
        }
    }
    out
}

/// A raw keep-alive HTTP/1.1 connection, so the server's cost is measured, not a client
/// library's, and a closed connection is seen rather than retried.
pub(crate) struct Conn {
    pub(crate) stream: AsyncBufReader<TcpStream>,
    pub(crate) line: String,
    pub(crate) body: Vec<u8>,
}

pub(crate) struct Reply {
    pub(crate) status: u16,
    /// The server said `Connection: close`.
    pub(crate) close: bool,
}

/// Sends `request` on `conn`, opening it first if there is none, and reads the whole reply.
pub(crate) async fn exchange(
    conn: &mut Option<Conn>,
    addr: SocketAddr,
    request: &[u8],
) -> io::Result<Reply> {
    let conn = match conn {
        Some(conn) => conn,
        None => {
            let stream = TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            conn.insert(Conn {
                stream: AsyncBufReader::new(stream),
                line: String::new(),
                body: Vec::new(),
            })
        }
    };
    conn.stream.get_mut().write_all(request).await?;
    let status = read_line(conn).await?;
    let status = status
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(format!("not a status line: {status:?}")))?;
    let mut length = None;
    let mut close = false;
    loop {
        let header = read_line(conn).await?;
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(invalid(format!("not a header: {header:?}")));
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().map_err(|e| invalid(e.to_string()))?);
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.eq_ignore_ascii_case("close");
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(invalid(format!(
                "transfer-encoding {value} is not read here"
            )));
        }
    }
    let length = length.ok_or_else(|| invalid("no content-length".into()))?;
    conn.body.resize(length, 0);
    conn.stream.read_exact(&mut conn.body).await?;
    Ok(Reply { status, close })
}

/// The next line of the reply's head, without its CRLF.
pub(crate) async fn read_line(conn: &mut Conn) -> io::Result<String> {
    conn.line.clear();
    if conn.stream.read_line(&mut conn.line).await? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "closed by the server",
        ));
    }
    Ok(conn.line.trim_end_matches(['\r', '\n']).to_string())
}

pub(crate) fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The slow connections' counters, shared by their tasks and the sampler.
#[derive(Default)]
pub(crate) struct Slow {
    pub(crate) open: AtomicUsize,
    pub(crate) opened: AtomicU64,
    pub(crate) cuts: AtomicU64,
    /// Still open `CUT_SLACK` past the header timeout (then closed and reopened here).
    pub(crate) held: AtomicU64,
    /// The server sent bytes instead of closing.
    pub(crate) answered: AtomicU64,
    pub(crate) connect_errors: AtomicU64,
    /// Time from open to cut, for each cut.
    pub(crate) cut_after: Mutex<Vec<Duration>>,
}

pub(crate) struct SlowCounts {
    pub(crate) opened: u64,
    pub(crate) cuts: u64,
    pub(crate) held: u64,
    pub(crate) answered: u64,
    pub(crate) connect_errors: u64,
    pub(crate) cut_after: Vec<Duration>,
}

impl Slow {
    pub(crate) fn counts(&self) -> SlowCounts {
        let mut cut_after = self
            .cut_after
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        cut_after.sort();
        SlowCounts {
            opened: self.opened.load(Ordering::Relaxed),
            cuts: self.cuts.load(Ordering::Relaxed),
            held: self.held.load(Ordering::Relaxed),
            answered: self.answered.load(Ordering::Relaxed),
            connect_errors: self.connect_errors.load(Ordering::Relaxed),
            cut_after,
        }
    }
}

/// How a slow connection ended.
pub(crate) enum End {
    Cut,
    Held,
    Answered,
    /// The run is over.
    Stopped,
}

/// One slow client from `first` until `until`: a connection that trickles its headers, and
/// another as soon as one ends, so `SLOW` are open at any time.
pub(crate) async fn slow_client(addr: SocketAddr, first: Instant, until: Instant, slow: Arc<Slow>) {
    let header_timeout = pinview::server::Options::default().header_timeout;
    sleep_until(first).await;
    while Instant::now() < until {
        let stream = match TcpStream::connect(addr).await {
            Ok(stream) => stream,
            Err(_) => {
                slow.connect_errors.fetch_add(1, Ordering::Relaxed);
                sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let opened = Instant::now();
        slow.open.fetch_add(1, Ordering::Relaxed);
        slow.opened.fetch_add(1, Ordering::Relaxed);
        let end = trickle(stream, opened + header_timeout + CUT_SLACK, until).await;
        slow.open.fetch_sub(1, Ordering::Relaxed);
        let counter = match end {
            End::Cut => {
                let after = opened.elapsed();
                slow.cut_after
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(after);
                &slow.cuts
            }
            End::Held => &slow.held,
            End::Answered => &slow.answered,
            End::Stopped => break,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Sends a request head one byte a second, never finishing it (header lines follow forever),
/// until the server closes the connection, `held` passes, or `until`.
pub(crate) async fn trickle(stream: TcpStream, held: Instant, until: Instant) -> End {
    let (mut reader, mut writer) = stream.into_split();
    let head = format!("GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n").into_bytes();
    let mut bytes = head
        .into_iter()
        .chain(b"X-Slow: 1\r\n".iter().copied().cycle());
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut buf = [0; 512];
    loop {
        tokio::select! {
            read = reader.read(&mut buf) => {
                return match read {
                    Ok(0) | Err(_) => End::Cut,
                    Ok(_) => End::Answered,
                };
            }
            _ = tick.tick() => {
                let byte = bytes.next().unwrap_or(b'x');
                // A reset shows here first when the server's close raced the write.
                if writer.write_all(&[byte]).await.is_err() {
                    return End::Cut;
                }
            }
            () = sleep_until(held) => return End::Held,
            () = sleep_until(until) => return End::Stopped,
        }
    }
}
