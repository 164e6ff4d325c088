//! The client code docs/clients.md shows (`clients/*.rs`, compiled and run here), with `ureq`
//! and `reqwest`, against a server on 127.0.0.1 that answers byte for byte: a failed answer
//! keeps its status and the bytes that arrived when the connection drops mid-body, its
//! `Retry-After` reaches the `ApiError`, and the retry loop waits what the server says, never
//! loops on a daily quota, and retries a 429 and a gateway's page.
//!
//! The codes named here are the rate limits the issue was reported with, 190310 (per minute)
//! and 190311 (per day), and the doc's own example, 9003.
#![cfg(feature = "json")]

use std::time::{Duration, Instant};

use tencent_meeting_errors::{ApiError, ErrorCode};

#[path = "clients/production_codes.rs"]
mod production_codes;
#[path = "clients/reqwest_get.rs"]
mod reqwest_get;
#[path = "clients/retry.rs"]
mod retry;
#[path = "clients/server.rs"]
mod server;
#[path = "clients/ureq_get.rs"]
mod ureq_get;

use server::{Server, agent, cut_short, response};

fn with_ureq(url: &str) -> anyhow::Result<Vec<u8>> {
    ureq_get::get(&agent(), url)
}

fn with_reqwest(url: &str) -> anyhow::Result<Vec<u8>> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap();
    runtime.block_on(reqwest_get::get(&client, url))
}

/// A client's GET through the code the page shows.
type Get = fn(&str) -> anyhow::Result<Vec<u8>>;

/// Each client, by name.
const CLIENTS: [(&str, Get); 2] = [("ureq", with_ureq), ("reqwest", with_reqwest)];

/// The doc's example body.
const EXAMPLE_BODY: &[u8] = br#"{"error_info": {"error_code": 9003, "message": "MEETING NOT EXIST"}}"#;

/// Fetches `response` once with `client` and returns what it gave.
fn fetch(client: Get, response: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    let server = Server::start(vec![response]);
    let result = client(&server.url("/0"));
    assert_eq!(server.finish().len(), 1);
    result
}

fn api_error(result: anyhow::Result<Vec<u8>>, name: &str) -> ApiError {
    let error = result.expect_err(name);
    error.downcast_ref::<ApiError>().unwrap_or_else(|| panic!("{name}: not an ApiError: {error:#}")).clone()
}

#[test]
fn a_body_cut_short_keeps_its_status_and_the_bytes_that_arrived() {
    let half = &EXAMPLE_BODY[..EXAMPLE_BODY.len() / 2];
    // Large enough to come in many reads.
    let page = b"<html><p>busy</p>\n".repeat(8_000);
    let cases = [
        ("half the doc's example", cut_short(500, EXAMPLE_BODY.len(), half), 500, half),
        ("a long page, then nothing", cut_short(502, page.len() * 2, &page), 502, &page[..]),
        ("headers only", cut_short(503, 100, b""), 503, &b""[..]),
    ];
    for (client, get) in CLIENTS {
        for (case, sent, status, body) in &cases {
            let name = format!("{client}, {case}");
            let error = api_error(fetch(get, sent.clone()), &name);
            assert_eq!(error.status(), *status, "{name}");
            assert!(error.body() == *body, "{name}: {} bytes kept of {} sent", error.body().len(), body.len());
            assert_eq!(error.code(), None, "{name}: a JSON body cut short is not read");
            assert!(error.is_retryable() == (*status != 500), "{name}");
        }
    }
}

#[test]
fn a_whole_failed_answer_is_read_and_a_success_cut_short_is_no_api_error() {
    for (client, get) in CLIENTS {
        let error = api_error(fetch(get, response(500, &[], EXAMPLE_BODY)), client);
        assert_eq!((error.status(), error.body()), (500, EXAMPLE_BODY), "{client}");
        assert_eq!(error.code(), Some(ErrorCode::MeetingNotExist), "{client}");

        assert_eq!(fetch(get, response(200, &[], b"{}")).unwrap(), b"{}", "{client}");
        let error = fetch(get, cut_short(200, 10, b"{")).expect_err("a success cut short is an error");
        assert!(error.downcast_ref::<ApiError>().is_none(), "{client}: {error:#}");
    }
}

#[test]
fn retry_after_reaches_the_error() {
    let quota = br#"{"error_info": {"error_code": 190311, "message": "DAILY LIMIT"}}"#;
    for (client, get) in CLIENTS {
        let error = api_error(fetch(get, response(429, &[("Retry-After", "7")], b"")), client);
        assert_eq!(error.retry_after(), Some(Duration::from_secs(7)), "{client}");

        let past = [("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")];
        let error = api_error(fetch(get, response(400, &past, quota)), client);
        assert_eq!(error.retry_after(), Some(Duration::ZERO), "{client}: a date in the past");
        assert!(error.is_retryable(), "{client}: the server said when");

        let error = api_error(fetch(get, response(400, &[("Retry-After", "tomorrow")], quota)), client);
        assert_eq!(error.retry_after(), None, "{client}");
        assert_eq!(error.code(), Some(ErrorCode::DailyCallLimitExceeded), "{client}");
        assert!(!error.is_retryable(), "{client}: a daily quota without a readable Retry-After");
    }
}

/// Runs the retry loop with ureq against `script`; returns its result, how many requests the
/// server saw and how long it took.
fn retry(script: Vec<Vec<u8>>) -> (anyhow::Result<Vec<u8>>, usize, Duration) {
    let server = Server::start(script);
    let url = server.url("/meetings/1");
    let agent = agent();
    let start = Instant::now();
    let result = retry::with_retries(|| ureq_get::get(&agent, &url));
    let elapsed = start.elapsed();
    (result, server.finish().len(), elapsed)
}

fn json(error_code: i64) -> Vec<u8> {
    format!(r#"{{"error_info": {{"error_code": {error_code}, "message": "NO"}}}}"#).into_bytes()
}

#[test]
fn the_retry_loop_waits_what_the_server_says() {
    let ok = response(200, &[], b"{}");
    let (result, requests, elapsed) = retry(vec![response(429, &[("Retry-After", "1")], b""), ok]);
    assert_eq!(result.unwrap(), b"{}");
    assert_eq!(requests, 2);
    assert!(elapsed >= Duration::from_secs(1), "waited {elapsed:?}");

    // A wait beyond what the loop accepts is an answer, not a reason to sleep for an hour.
    let hour = response(429, &[("Retry-After", "3600")], &json(190_310));
    let (result, requests, elapsed) = retry(vec![hour.clone(), hour]);
    assert_eq!(api_error(result, "an hour").retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(requests, 1);
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
}

#[test]
fn the_retry_loop_never_loops_on_a_daily_quota() {
    let quota = response(400, &[], &json(190_311));
    let (result, requests, _) = retry(vec![quota.clone(), quota.clone(), quota]);
    let error = api_error(result, "a daily quota");
    assert_eq!(error.code(), Some(ErrorCode::DailyCallLimitExceeded));
    assert_eq!(requests, 1, "a daily quota is asked once");

    // The per-minute limit, on the other hand, is tried again.
    let (result, requests, _) = retry(vec![response(400, &[], &json(190_310)), response(200, &[], b"{}")]);
    assert_eq!((result.unwrap(), requests), (b"{}".to_vec(), 2));

    // And the service's own answer is not retried.
    let (result, requests, _) = retry(vec![response(500, &[], &json(9003)), response(200, &[], b"{}")]);
    assert_eq!((api_error(result, "9003").code(), requests), (Some(ErrorCode::MeetingNotExist), 1));
}

#[test]
fn the_retry_loop_retries_a_gateway_page_and_gives_up_in_time() {
    let page = response(502, &[("Content-Type", "text/html")], b"<html><h1>502 Bad Gateway</h1></html>");
    let (result, requests, _) = retry(vec![page.clone(), response(200, &[], b"{}")]);
    assert_eq!((result.unwrap(), requests), (b"{}".to_vec(), 2));

    let (result, requests, _) = retry(vec![page; 10]);
    assert_eq!(api_error(result, "always 502").status(), 502);
    assert_eq!(requests, 4, "the loop's ATTEMPTS");
}

#[test]
fn a_code_seen_in_production_is_matched_by_its_constant() {
    use production_codes::what_to_do;
    assert_eq!(what_to_do(ErrorCode::from_code(13603)), "ask support: undocumented, but known to us");
    assert_eq!(what_to_do("13603".parse().unwrap()), "ask support: undocumented, but known to us");
    assert_eq!(what_to_do(ErrorCode::MeetingNotExist), "create the meeting first");
    assert_eq!(what_to_do(ErrorCode::from_code(13604)), "report it");
}
