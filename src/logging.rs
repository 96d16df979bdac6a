//! Where logs go: a file named by `PINVIEW_LOG` for the TUI (never the screen it draws on), and
//! [`Lossy`], a bounded queue to a writer thread for `pinview serve`'s standard error, so a log
//! reader that is slow or gone costs log lines, never requests.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Lines held for a slow reader before new ones are dropped: enough for a burst, little memory.
pub const QUEUE_LINES: usize = 1024;

/// Logs to the file `PINVIEW_LOG` names, if set. Keep the guard alive: dropping it flushes.
pub fn to_file_from_env() -> Option<WorkerGuard> {
    let path = std::env::var_os("PINVIEW_LOG").filter(|p| !p.is_empty())?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    tracing_subscriber::fmt()
        .with_env_filter(filter())
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}

/// Standard error through a file descriptor of its own, so a write blocked on a full pipe holds
/// no lock that `eprintln!` elsewhere would wait for.
pub fn stderr_sink() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stderr())
}

/// `RUST_LOG` when set, else pinview's own messages at info.
pub fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("pinview=info"))
}

/// A bounded queue of lines and a thread that writes them: a full queue drops and counts, and
/// the next line written is preceded by a note of how many were lost.
pub struct Lossy {
    shared: Arc<Queue>,
}

struct Queue {
    pending: Mutex<Pending>,
    /// Wakes the writer: a line came, or closing began.
    ready: Condvar,
    /// Wakes `close`: the writer has written everything.
    done: Condvar,
    capacity: usize,
}

#[derive(Default)]
struct Pending {
    /// Each line with the number dropped just before it.
    lines: VecDeque<(u64, Vec<u8>)>,
    dropped: u64,
    closing: bool,
    finished: bool,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Lossy {
    /// Starts the writer thread; `note(n)` is the line that reports `n` dropped lines.
    pub fn spawn(
        mut sink: impl Write + Send + 'static,
        capacity: usize,
        note: impl Fn(u64) -> Vec<u8> + Send + 'static,
    ) -> std::io::Result<Lossy> {
        let shared = Arc::new(Queue {
            pending: Mutex::default(),
            ready: Condvar::new(),
            done: Condvar::new(),
            capacity,
        });
        let queue = Arc::clone(&shared);
        // A plain thread, not the runtime's blocking pool: the runtime waits for those at exit,
        // and this one may be stuck in a write forever.
        std::thread::Builder::new()
            .name("pinview-log".into())
            .spawn(move || {
                loop {
                    let next = {
                        let mut pending = queue.lock();
                        loop {
                            if let Some(item) = pending.lines.pop_front() {
                                break Some(item);
                            }
                            if pending.closing {
                                break None;
                            }
                            pending = queue.ready.wait(pending).unwrap_or_else(|e| e.into_inner());
                        }
                    };
                    // Written without the lock held, so pushing never waits for the reader.
                    // A reader that has gone (EPIPE) is no reason to stop draining.
                    let Some((dropped, line)) = next else {
                        let dropped = std::mem::take(&mut queue.lock().dropped);
                        if dropped > 0 {
                            let _ = sink.write_all(&note(dropped));
                        }
                        let _ = sink.flush();
                        queue.lock().finished = true;
                        queue.done.notify_all();
                        return;
                    };
                    if dropped > 0 {
                        let _ = sink.write_all(&note(dropped));
                    }
                    let _ = sink.write_all(&line);
                }
            })?;
        Ok(Lossy { shared })
    }

    /// Queues `line` (which should end in a newline), or counts it dropped if the queue is full.
    pub fn push(&self, line: Vec<u8>) {
        let mut pending = self.shared.lock();
        if pending.closing || pending.lines.len() >= self.shared.capacity {
            pending.dropped += 1;
            return;
        }
        let dropped = std::mem::take(&mut pending.dropped);
        pending.lines.push_back((dropped, line));
        drop(pending);
        self.shared.ready.notify_one();
    }

    /// Writes what is queued and the count of lines dropped, waiting at most `wait` for a slow
    /// reader; true if all was written. Lines pushed after this are dropped.
    pub fn close(&self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        let mut pending = self.shared.lock();
        pending.closing = true;
        self.shared.ready.notify_one();
        while !pending.finished {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            pending = match self.shared.done.wait_timeout(pending, left) {
                Ok((p, _)) => p,
                Err(e) => e.into_inner().0,
            };
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    /// A sink whose writes each say they started, then wait until the test lets them through.
    struct Gate {
        started: mpsc::Sender<()>,
        open: mpsc::Receiver<()>,
        written: mpsc::Sender<Vec<u8>>,
    }

    impl Write for Gate {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let _ = self.started.send(());
            self.open
                .recv()
                .map_err(|_| std::io::Error::other("closed"))?;
            let _ = self.written.send(buf.to_vec());
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    struct Gated {
        log: Lossy,
        open: mpsc::Sender<()>,
        written: mpsc::Receiver<Vec<u8>>,
    }

    /// A log whose writer is already stuck writing the line `0`.
    fn stuck(capacity: usize) -> Gated {
        let (started, starts) = mpsc::channel();
        let (open, gate) = mpsc::channel();
        let (written, seen) = mpsc::channel();
        let sink = Gate {
            started,
            open: gate,
            written,
        };
        let note = |n: u64| format!("{n} dropped\n").into_bytes();
        let log = Lossy::spawn(sink, capacity, note).unwrap();
        log.push(b"0\n".to_vec());
        starts.recv().unwrap();
        Gated {
            log,
            open,
            written: seen,
        }
    }

    fn lines(items: &[&str]) -> Vec<Vec<u8>> {
        items.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn a_blocked_sink_drops_lines_and_the_next_line_written_counts_them() {
        let g = stuck(2);
        let started = Instant::now();
        for i in 1..10 {
            g.log.push(format!("{i}\n").into_bytes());
        }
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "push never waits"
        );
        // 0 is being written, 1 and 2 wait, 3 to 9 are dropped.
        (0..3).for_each(|_| g.open.send(()).unwrap());
        let first: Vec<_> = (0..3).map(|_| g.written.recv().unwrap()).collect();
        assert_eq!(first, lines(&["0\n", "1\n", "2\n"]));
        g.log.push(b"later\n".to_vec());
        (0..2).for_each(|_| g.open.send(()).unwrap());
        let next: Vec<_> = (0..2).map(|_| g.written.recv().unwrap()).collect();
        assert_eq!(next, lines(&["7 dropped\n", "later\n"]));
    }

    #[test]
    fn close_reports_drops_at_the_end_and_gives_up_on_a_sink_that_never_takes_them() {
        let g = stuck(1);
        for i in 1..5 {
            g.log.push(format!("{i}\n").into_bytes());
        }
        let started = Instant::now();
        assert!(
            !g.log.close(Duration::from_millis(100)),
            "the sink is stuck"
        );
        assert!(started.elapsed() < Duration::from_secs(1));
        (0..3).for_each(|_| g.open.send(()).unwrap());
        assert!(g.log.close(Duration::from_secs(5)));
        let all: Vec<_> = g.written.try_iter().collect();
        assert_eq!(all, lines(&["0\n", "1\n", "3 dropped\n"]));
    }
}
