use tencent_meeting_errors::{ApiError, ErrorCode};

/// Sends a GET and returns the body of a 2xx answer. Any other answer becomes an `ApiError`
/// holding its status and its body, whatever the body is. The agent is built with
/// `ureq::Agent::config_builder().http_status_as_error(false)`, so that a 4xx or 5xx answer
/// comes back as a response, body and all, instead of as an error without its body.
pub fn get(agent: &ureq::Agent, url: &str) -> anyhow::Result<Vec<u8>> {
    let mut response = agent.get(url).call()?;
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_vec()?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_http(status, &body).into());
    }
    Ok(body)
}

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
