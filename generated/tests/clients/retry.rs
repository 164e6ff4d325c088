use std::time::Duration;

use tencent_meeting_errors::ApiError;

/// How many times a request is sent at most.
const ATTEMPTS: u32 = 4;
/// The wait before the first retry when the server does not say how long; doubled each time.
const FIRST_WAIT: Duration = Duration::from_millis(500);
/// The longest wait worth making here: a server that asks for more has answered.
const LONGEST_WAIT: Duration = Duration::from_secs(60);

/// Calls `send` until it succeeds or fails in a way that a retry soon cannot mend: an answer
/// that is not retryable (a per-day quota, a missing meeting), a wait longer than
/// `LONGEST_WAIT`, `ATTEMPTS` answers, or no answer at all (the network, DNS, TLS). Waits what
/// the server said in `Retry-After`, and backs off exponentially when it said nothing.
///
/// `send` must be safe to repeat: after a gateway's 502 or 504 the request may have been
/// carried out (see `ApiError::is_retryable`).
pub fn with_retries<T>(mut send: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<T> {
    let mut backoff = FIRST_WAIT;
    let mut attempt = 1;
    loop {
        let error = match send() {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let Some(api) = error.downcast_ref::<ApiError>() else {
            return Err(error);
        };
        let wait = api.retry_after().unwrap_or(backoff);
        if !api.is_retryable() || attempt == ATTEMPTS || wait > LONGEST_WAIT {
            return Err(error);
        }
        std::thread::sleep(wait);
        backoff *= 2;
        attempt += 1;
    }
}
