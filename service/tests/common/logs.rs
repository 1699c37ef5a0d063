//! What a test's code logs, captured as text (the fmt layer the server uses, without
//! timestamps: their digits could equal what a test looks for).

use std::sync::{Arc, Mutex};

use tracing::subscriber::DefaultGuard;

#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Forgets what was logged so far.
    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

/// Captures this thread's log at INFO and above until the guard is dropped (a
/// `#[tokio::test]` runs on one thread).
pub fn capture() -> (Captured, DefaultGuard) {
    capture_at(tracing::Level::INFO)
}

/// [`capture`] at `level` and above.
pub fn capture_at(level: tracing::Level) -> (Captured, DefaultGuard) {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .without_time()
        .with_ansi(false)
        .with_max_level(level)
        .finish();
    (log, tracing::subscriber::set_default(subscriber))
}
