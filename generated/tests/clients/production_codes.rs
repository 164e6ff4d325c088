use tencent_meeting_errors::ErrorCode;

const SEEN_IN_PRODUCTION: ErrorCode = ErrorCode::from_code(13603);

pub fn what_to_do(code: ErrorCode) -> &'static str {
    match code {
        SEEN_IN_PRODUCTION => "ask support: undocumented, but known to us",
        ErrorCode::MeetingNotExist => "create the meeting first",
        _ => "report it",
    }
}
