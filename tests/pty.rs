//! The real binary in a pseudo-terminal: it draws, answers keys, and leaves the terminal as it
//! found it. The deadlines below only bound how long a broken build can hang the suite; they
//! assert nothing about speed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

mod exits;

const BIN: &str = env!("CARGO_BIN_EXE_pinview");
const ROWS: u16 = 30;
const COLS: u16 = 100;
/// How long the screen may take to show what a step waits for.
const SCREEN_DEADLINE: Duration = Duration::from_secs(15);
/// How long the binary may take to exit after `q`.
const EXIT_DEADLINE: Duration = Duration::from_secs(10);
/// Between two looks at the screen.
const POLL: Duration = Duration::from_millis(50);

const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
const DISABLE_MOUSE: &[u8] = b"\x1b[?1000l";

/// Kills the child if the test ends before it exited, so a failure leaves no process behind.
struct ChildGuard(Box<dyn Child + Send + Sync>);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// `pinview` running in a pty, with everything it printed so far parsed as a terminal would.
struct Session {
    child: ChildGuard,
    // Kept so the pty stays open until the session ends; dropped after the writer.
    _master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    output: Receiver<Vec<u8>>,
    /// Whether the reader thread saw the end of the output (the slave side closed).
    output_done: bool,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Session {
    fn spawn(args: &[&str]) -> Session {
        Session::spawn_env(args, &[])
    }

    /// With the environment changed: `None` removes a variable.
    fn spawn_env(args: &[&str], env: &[(&str, Option<&str>)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("COLORTERM", "truecolor");
        for (name, value) in env {
            match value {
                Some(v) => cmd.env(name, v),
                None => cmd.env_remove(name),
            }
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn pinview in the pty");
        // Only the child may hold the slave side, or reads would never see its end.
        drop(pair.slave);
        let child = ChildGuard(child);

        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, output) = mpsc::channel();
        // The thread ends at EOF (EIO once the child and its slave fds are gone). If it never
        // does, the test does not wait for it: it only ever reads the channel with a deadline.
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });

        let rows = NonZeroU16::new(ROWS).unwrap();
        let cols = NonZeroU16::new(COLS).unwrap();
        Session {
            child,
            _master: pair.master,
            writer: Some(writer),
            output,
            output_done: false,
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }
    }

    /// Feeds whatever output arrived, waiting at most `wait` for the first chunk.
    fn pump(&mut self, wait: Duration) {
        if self.output_done {
            if !wait.is_zero() {
                thread::sleep(wait);
            }
            return;
        }
        let mut next = self.output.recv_timeout(wait);
        loop {
            match next {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.answer_device_attributes(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(RecvTimeoutError::Timeout) => return,
                Err(RecvTimeoutError::Disconnected) => {
                    self.output_done = true;
                    return;
                }
            }
            next = self.output.recv_timeout(Duration::ZERO);
        }
    }

    /// Real terminals answer the queries pinview's image detection sends (device attributes,
    /// then a status report it waits for); vt100 does not, so the test answers as a VT220
    /// without graphics would.
    fn answer_device_attributes(&mut self, bytes: &[u8]) {
        let Some(writer) = self.writer.as_mut() else {
            return;
        };
        for (query, answer) in [
            (&b"\x1b[c"[..], &b"\x1b[?62;22c"[..]),
            (b"\x1b[5n", b"\x1b[0n"),
        ] {
            for _ in bytes.windows(query.len()).filter(|w| *w == query) {
                let _ = writer.write_all(answer);
                let _ = writer.flush();
            }
        }
    }

    fn screen_text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until `ready` holds for the screen; panics with the screen when it never does.
    fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + SCREEN_DEADLINE;
        loop {
            self.pump(POLL);
            if ready(self.parser.screen()) {
                return;
            }
            if Instant::now() >= deadline {
                let exited = self.child.0.try_wait().ok().flatten();
                panic!(
                    "timed out after {SCREEN_DEADLINE:?} waiting for {what} (child exit: {exited:?}); screen:\n{}",
                    self.screen_text()
                );
            }
        }
    }

    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("writer still open");
        writer.write_all(keys.as_bytes()).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits for the child to exit, then reads what it printed up to the end of its output.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + EXIT_DEADLINE;
        let status = loop {
            self.pump(POLL);
            match self.child.0.try_wait().expect("poll the child") {
                Some(status) => break status,
                None if Instant::now() >= deadline => panic!(
                    "pinview still running {EXIT_DEADLINE:?} after quit; screen:\n{}",
                    self.screen_text()
                ),
                None => {}
            }
        };
        // The child is gone: the writer can go (its EOT goes nowhere), and the reader drains
        // what is left in the pty before it sees the end.
        drop(self.writer.take());
        let deadline = Instant::now() + EXIT_DEADLINE;
        while !self.output_done && Instant::now() < deadline {
            self.pump(POLL);
        }
        status
    }
}

fn selected_row(screen: &vt100::Screen) -> Option<String> {
    screen.rows(0, COLS).find(|row| row.contains('▶'))
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn demo_draws_answers_keys_and_restores_the_terminal() {
    let mut session = Session::spawn(&["--demo"]);

    session.wait_for("the demo's first endpoint", |s| {
        let text = s.contents();
        text.contains("winter-sale-2026") && text.contains("Campaigns 4")
    });

    session.send("j");
    session.wait_for("onboarding-tour on the selected row", |s| {
        selected_row(s).is_some_and(|row| row.contains("onboarding-tour"))
    });

    session.send("]");
    session.wait_for("iphone-15 in the header", |s| {
        s.rows(0, COLS)
            .next()
            .is_some_and(|header| header.contains("iphone-15"))
    });

    session.send("q");
    let status = session.wait_exit();
    assert!(
        status.success(),
        "pinview exited with {status:?}; screen:\n{}",
        session.screen_text()
    );
    assert!(
        session.output_done,
        "the pty output never ended after pinview exited"
    );

    let screen = session.parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor was left hidden");
    let raw = &session.raw;
    let entered = find_last(raw, ENTER_ALT_SCREEN).expect("never entered the alternate screen");
    let left = find_last(raw, LEAVE_ALT_SCREEN).expect("never left the alternate screen");
    assert!(
        left > entered,
        "the last alternate-screen switch was into it, not out"
    );
    assert!(
        find_last(raw, DISABLE_MOUSE).is_some(),
        "mouse capture was never disabled"
    );
}

#[test]
fn missing_file_exits_2_naming_the_path() {
    let path: PathBuf = std::env::temp_dir()
        .join(format!("pinview-missing-{}", std::process::id()))
        .join("no-such-endpoint.json");
    assert!(!path.exists(), "{} should not exist", path.display());
    let out = Command::new(BIN)
        .arg("--file")
        .arg(&path)
        .output()
        .expect("run pinview");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains(&path.display().to_string()),
        "the message should name {}: {stderr}",
        path.display()
    );
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}
