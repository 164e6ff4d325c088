use std::io::Read as _;

use tencent_meeting_errors::ApiError;

/// Sends a GET and returns the body of a 2xx answer. Any other answer becomes an `ApiError`
/// with its status, its `Retry-After` and the bytes of its body that arrived: all of them, or
/// those that came before the connection dropped. The agent is built with
/// `ureq::Agent::config_builder().http_status_as_error(false)`, so that a 4xx or 5xx answer
/// comes back as a response, body and all.
pub fn get(agent: &ureq::Agent, url: &str) -> anyhow::Result<Vec<u8>> {
    let mut response = agent.get(url).call()?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    // `read_to_end` keeps what it read before an error; `read_to_vec` would drop it.
    let read = response.body_mut().as_reader().read_to_end(&mut body);
    if (200..300).contains(&status) {
        read?;
        return Ok(body);
    }
    let error = ApiError::from_http(status, &body);
    let retry_after = response.headers().get(ureq::http::header::RETRY_AFTER);
    Err(match retry_after.and_then(|value| value.to_str().ok()) {
        Some(value) => error.with_retry_after(value),
        None => error,
    }
    .into())
}
