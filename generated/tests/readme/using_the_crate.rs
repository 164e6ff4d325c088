use tencent_meeting_errors::{ApiError, ErrorCode};

/// What to do after a failed call.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// The meeting is gone: forget it.
    Forget,
    /// A rate limit, or a gateway that could not reach the service: try again later.
    RetryLater,
    /// The service says our request is wrong (the doc gives its code HTTP 400).
    FixTheRequest,
    /// Anything else: report it, with everything the server said.
    Report,
}

pub fn next_step(error: &anyhow::Error) -> Next {
    let Some(error) = error.downcast_ref::<ApiError>() else {
        return Next::Report; // no answer at all: the network, DNS, TLS...
    };
    match error.code() {
        Some(ErrorCode::MeetingNotExist) => Next::Forget,
        _ if error.is_retryable() => Next::RetryLater,
        Some(code) if code.http_status() == Some(400) => Next::FixTheRequest,
        _ => Next::Report,
    }
}
