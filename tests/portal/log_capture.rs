//! The portal's log as JSON lines: the in-process instances of this test binary log through a
//! subscriber installed here, so a test can read what one request (by its `x-request-id`)
//! logged.

use std::io::Write;
use std::sync::{Mutex, Once};

use serde_json::Value;

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// One event's bytes; stored as a line when the formatter is done with it.
struct Event(Vec<u8>);

impl Write for Event {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        let mut lines = LINES.lock().unwrap_or_else(|p| p.into_inner());
        lines.extend(text.lines().map(str::to_owned));
    }
}

/// Installs the capturing subscriber (once per test process).
pub fn capture() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_max_level(tracing::Level::INFO)
            .with_writer(|| Event(Vec::new()))
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
}

/// Every captured event that carries `request_id`, parsed.
pub fn events_of(request_id: &str) -> Vec<Value> {
    LINES
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter(|l| l.contains(request_id))
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e.get("request_id").and_then(Value::as_str) == Some(request_id))
        .collect()
}

/// The raw lines that mention `needle` anywhere.
pub fn lines_containing(needle: &str) -> Vec<String> {
    LINES
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter(|l| l.contains(needle))
        .cloned()
        .collect()
}

/// The one warning a failed or refused sign-in logs, with its request id; panics unless
/// there is exactly one.
pub fn the_warning(request_id: &str) -> Value {
    let warnings: Vec<Value> = events_of(request_id)
        .into_iter()
        .filter(|e| e.get("level").and_then(Value::as_str) == Some("WARN"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "request {request_id} should log exactly one warning: {warnings:#?}"
    );
    warnings.into_iter().next().unwrap()
}
