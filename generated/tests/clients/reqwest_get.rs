use tencent_meeting_errors::ApiError;

/// Sends a GET and returns the body of a 2xx answer. Any other answer becomes an `ApiError`
/// with its status, its `Retry-After` and the bytes of its body that arrived: all of them, or
/// those that came before the connection dropped. The body is read chunk by chunk, because
/// `response.bytes()` turns a body cut short into a transport error, status and bytes lost.
pub async fn get(client: &reqwest::Client, url: &str) -> anyhow::Result<Vec<u8>> {
    let mut response = client.get(url).send().await?;
    let status = response.status().as_u16();
    let retry_after = response.headers().get(reqwest::header::RETRY_AFTER).cloned();
    let mut body = Vec::new();
    let read = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break Ok(()),
            Err(error) => break Err(error),
        }
    };
    if (200..300).contains(&status) {
        read?;
        return Ok(body);
    }
    let error = ApiError::from_http(status, &body);
    Err(match retry_after.as_ref().and_then(|value| value.to_str().ok()) {
        Some(value) => error.with_retry_after(value),
        None => error,
    }
    .into())
}
