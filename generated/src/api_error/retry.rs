//! What a failed response says about trying again: the server's `Retry-After`, the code's
//! rate-limit window and the status.

use std::time::{Duration, SystemTime};

use super::ApiError;
use crate::ErrorCode;

/// The longest rate-limit window after which a retry is still "soon".
const SOON: Duration = Duration::from_secs(60);

/// A `Retry-After` header as the server sent it, in a form that does not depend on when it
/// was read: a date is compared with the clock each time [`ApiError::retry_after`] is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum RetryAfter {
    /// `delay-seconds`: a wait counted from when the response arrived, returned as given.
    Delay(Duration),
    /// An HTTP date: the moment from which the server expects the request again.
    At(SystemTime),
}

impl RetryAfter {
    /// Reads a header value: `delay-seconds` (ASCII digits) or an HTTP date in any of the
    /// three forms HTTP allows; `None` for anything else.
    #[inline]
    pub(super) fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim_ascii();
        if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
            // More digits than a u64 holds is a wait longer than anyone will make: the longest.
            let seconds = value.parse().unwrap_or(u64::MAX);
            return Some(RetryAfter::Delay(Duration::from_secs(seconds)));
        }
        httpdate::parse_http_date(value).ok().map(RetryAfter::At)
    }

    /// The wait left at `now`; zero for a date in the past.
    #[inline]
    pub(super) fn wait(self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Delay(delay) => delay,
            RetryAfter::At(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

impl ApiError {
    /// The error with the response's `Retry-After` header, given as received: `delay-seconds`
    /// (`"120"`) or an HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`, or the two older forms
    /// HTTP allows). Anything else (`"soon"`, `"-1"`, `"1.5"`, an empty value) is ignored and
    /// leaves the error as it was.
    ///
    /// A date is kept as a date and compared with the clock when [`retry_after`] is asked, so
    /// an error kept for a while does not make its caller wait longer than the server asked;
    /// `delay-seconds` is kept as given, a wait counted from when the response arrived.
    ///
    /// ```
    /// use std::time::Duration;
    /// use tencent_meeting_errors::ApiError;
    ///
    /// let error = ApiError::from_http(429, b"").with_retry_after("2");
    /// assert_eq!(error.retry_after(), Some(Duration::from_secs(2)));
    /// assert!(error.is_retryable());
    ///
    /// // A date in the past: no wait at all.
    /// let error = ApiError::from_http(503, b"").with_retry_after("Sun, 06 Nov 1994 08:49:37 GMT");
    /// assert_eq!(error.retry_after(), Some(Duration::ZERO));
    ///
    /// assert_eq!(ApiError::from_http(503, b"").with_retry_after("later").retry_after(), None);
    /// ```
    ///
    /// [`retry_after`]: ApiError::retry_after
    #[must_use]
    #[inline]
    pub fn with_retry_after(self, value: &str) -> ApiError {
        match RetryAfter::parse(value) {
            Some(retry_after) => ApiError { retry_after: Some(retry_after), ..self },
            None => self,
        }
    }

    /// How long the server asked to wait before the request is sent again, when it said so
    /// with a `Retry-After` header given to [`with_retry_after`](ApiError::with_retry_after).
    /// For a date, the time left until then; zero once it has passed.
    #[inline]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after.map(|retry_after| retry_after.wait(SystemTime::now()))
    }

    /// Whether a retry soon may succeed. True when:
    ///
    /// - the server said when: a `Retry-After` header, whatever the status and the code (wait
    ///   [`retry_after`](ApiError::retry_after), which may be long);
    /// - the code is a rate limit ([`ErrorCode::is_retryable`]) whose window is a minute or
    ///   less, or whose documentation states no window. A per-day quota is false without
    ///   `Retry-After`, even answered with 429: trying again within the day fails the same way;
    /// - the status is 429, whatever else the body holds;
    /// - the status is 502, 503 or 504 and the body is not the API's error JSON: a gateway or
    ///   proxy answered, not the service. A code from the service itself behind a 503 is read
    ///   as that code.
    ///
    /// Any other code the service sent, documented or not, is false.
    ///
    /// Whether the request may already have been processed, for a request that must not run
    /// twice (creating a meeting, say):
    ///
    /// - a 502 or 504 from a gateway: it may have forwarded the request, and the service may
    ///   have acted on it before the gateway gave up (a 504 is a timeout, after the request
    ///   reached the service); look before sending it again;
    /// - a 503 or a 429, with or without `Retry-After`, and a rate-limit code: the request was
    ///   refused before it was carried out, as far as HTTP says; usually not processed;
    /// - `Retry-After` with another status says when, not whether: that status decides.
    ///
    /// This is a hint, not a retry policy: how often to try, and how long a wait is worth it,
    /// are the caller's.
    #[inline]
    pub fn is_retryable(&self) -> bool {
        if self.retry_after.is_some() {
            return true;
        }
        match self.code() {
            // A rate limit: its window decides, whatever the status.
            Some(code) if code.is_retryable() => code_allows_retry_soon(code),
            Some(_) => self.status == 429,
            None => matches!(self.status, 429 | 502 | 503 | 504),
        }
    }
}

/// Whether a rate-limit `code`, answered without `Retry-After`, may succeed if tried again
/// soon: its window is a minute or less, or the documentation states none. The one place the
/// code's part of [`ApiError::is_retryable`] is decided.
#[inline]
fn code_allows_retry_soon(code: ErrorCode) -> bool {
    code.is_retryable() && code.rate_limit_window().is_none_or(|window| window <= SOON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_seconds_are_digits_only() {
        assert_eq!(RetryAfter::parse("120"), Some(RetryAfter::Delay(Duration::from_secs(120))));
        assert_eq!(RetryAfter::parse(" 0 "), Some(RetryAfter::Delay(Duration::ZERO)));
        let huge = RetryAfter::parse("99999999999999999999999");
        assert_eq!(huge, Some(RetryAfter::Delay(Duration::from_secs(u64::MAX))));
        for value in ["", " ", "-1", "+1", "1.5", "1e3", "soon", "12 s", "0x10"] {
            assert_eq!(RetryAfter::parse(value), None, "{value:?}");
        }
    }

    #[test]
    fn dates_in_every_form_http_allows() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        for value in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            assert_eq!(RetryAfter::parse(value), Some(RetryAfter::At(at)), "{value:?}");
        }
        assert_eq!(RetryAfter::parse("Sun, 06 Nov 1994 08:49:37"), None, "no zone");
        assert_eq!(RetryAfter::parse("Sun, 31 Nov 1994 08:49:37 GMT"), None, "no such day");
    }

    #[test]
    fn a_date_is_the_time_left_until_it() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let retry_after = RetryAfter::At(at);
        assert_eq!(retry_after.wait(at - Duration::from_secs(30)), Duration::from_secs(30));
        assert_eq!(retry_after.wait(at), Duration::ZERO);
        assert_eq!(retry_after.wait(at + Duration::from_secs(30)), Duration::ZERO, "past: no wait");
        let delay = RetryAfter::Delay(Duration::from_secs(5));
        assert_eq!(delay.wait(at), delay.wait(at + Duration::from_secs(3600)), "a delay is as given");
    }

    fn error(status: u16, code: Option<ErrorCode>) -> ApiError {
        let body = match code {
            Some(code) => format!(r#"{{"error_info": {{"error_code": {}}}}}"#, code.code()),
            None => "<html>busy</html>".to_owned(),
        };
        ApiError::from_http(status, body.as_bytes())
    }

    #[test]
    fn a_retry_soon_may_succeed_as_the_issue_lists() {
        use ErrorCode::{DailyCallLimitExceeded, MeetingNotExist, MeetingQueryRateLimited, PerMinuteCallLimitExceeded};
        let undocumented = ErrorCode::from_code(777_777);
        let cases = [
            (error(400, Some(PerMinuteCallLimitExceeded)), true, "a window of a minute"),
            (error(500, Some(MeetingQueryRateLimited)), true, "a rate limit with no stated window"),
            (error(400, Some(DailyCallLimitExceeded)), false, "a per-day quota"),
            (error(429, Some(DailyCallLimitExceeded)), false, "a per-day quota, even on a 429"),
            (error(400, Some(DailyCallLimitExceeded)).with_retry_after("60"), true, "the server said when"),
            (error(500, Some(MeetingNotExist)).with_retry_after("1"), true, "the server said when"),
            (error(429, Some(undocumented)), true, "any 429"),
            (error(429, Some(MeetingNotExist)), true, "any 429"),
            (error(429, None), true, "any 429"),
            (error(502, None), true, "a gateway's page"),
            (error(503, None), true, "a gateway's page"),
            (error(504, None), true, "a gateway's page"),
            (error(503, Some(MeetingNotExist)), false, "the service answered"),
            (error(502, Some(undocumented)), false, "the service answered"),
            (error(500, None), false, "a 500 page"),
            (error(500, Some(MeetingNotExist)), false, "the service's own error"),
        ];
        for (error, retryable, why) in cases {
            assert_eq!(error.is_retryable(), retryable, "{why}: {error:?}");
        }
        assert!(!error(400, Some(DailyCallLimitExceeded)).with_retry_after("soon").is_retryable(), "ignored");
    }
}
