//! What the generated `ErrorCode` costs at run time, beside what a user would write instead.
//!
//! Run with `cargo bench -p tencent-meeting-errors --bench runtime`; BENCHMARKS.md has the
//! figures. Every benchmark but deserialization handles a stream of 4096 inputs per
//! iteration, drawn at random from the documented (or undocumented) codes, and reports the
//! time per item. The baselines, all over the same 37 codes:
//!
//! - `handwritten`: an enum with one `match` per method, the limit a generator can reach;
//! - `phf`: a perfect-hash map from code to variant, as rust-postgres' `SqlState::from_code`;
//! - `num_enum`: an enum deriving `num_enum::FromPrimitive` with a catch-all variant;
//! - `serde_repr`: an enum deriving `serde_repr::Deserialize_repr` (it has no unknown variant);
//! - `raw_i64`: the body read into derived structs that keep the code as a plain `i64`.
//!
//! The allocation counts divan prints show that `Display` allocates nothing of its own;
//! `tests/display_alloc.rs` asserts it.

use std::fmt::{self, Write as _};

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use tencent_meeting_errors::{ErrorCode, ErrorResponse};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    check_baselines();
    divan::main();
}

/// Defines the baselines from one table, so they cover the same codes as the crate.
macro_rules! baselines {
    ($($code:literal => $variant:ident, $status:literal, $description:literal;)*) => {
        /// Every documented code with its variant name, HTTP status and description.
        const TABLE: &[(i64, &str, u16, &str)] = &[$(($code, stringify!($variant), $status, $description)),*];

        /// The limit: one hand-written `match` per method.
        mod handwritten {
            use std::fmt;

            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            pub enum Code {
                $($variant,)*
                Unknown(i64),
            }

            impl Code {
                pub fn from_code(code: i64) -> Code {
                    match code {
                        $($code => Code::$variant,)*
                        other => Code::Unknown(other),
                    }
                }

                pub fn code(self) -> i64 {
                    match self {
                        $(Code::$variant => $code,)*
                        Code::Unknown(code) => code,
                    }
                }

                pub fn http_status(self) -> Option<u16> {
                    match self {
                        $(Code::$variant => Some($status),)*
                        Code::Unknown(_) => None,
                    }
                }

                pub fn description(self) -> Option<&'static str> {
                    match self {
                        $(Code::$variant => Some($description),)*
                        Code::Unknown(_) => None,
                    }
                }
            }

            impl fmt::Display for Code {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    match self.description() {
                        Some(description) => write!(f, "{} {}", self.code(), description),
                        None => write!(f, "{} (undocumented error code)", self.code()),
                    }
                }
            }
        }

        /// What rust-postgres does for its `SqlState`: a perfect-hash map built by `phf`'s
        /// macro from each code to the hand-written enum's variant. `phf_map!` needs a type
        /// suffix on its first key, which the table's literals do not have, so the map opens
        /// with 0, an undocumented code, mapped to what `from_code` makes of it.
        mod with_phf {
            use super::handwritten::Code;

            static CODES: phf::Map<i64, Code> = phf::phf_map! {
                0i64 => Code::Unknown(0),
                $($code => Code::$variant,)*
            };

            pub fn from_code(code: i64) -> Code {
                CODES.get(&code).copied().unwrap_or(Code::Unknown(code))
            }
        }

        /// What `num_enum` derives: `From<i64>` with a catch-all variant, `Into<i64>`.
        mod with_num_enum {
            #[derive(Clone, Copy, Debug, PartialEq, Eq, num_enum::FromPrimitive, num_enum::IntoPrimitive)]
            #[repr(i64)]
            pub enum Code {
                $($variant = $code,)*
                #[num_enum(catch_all)]
                Unknown(i64),
            }
        }

        /// What `serde_repr` derives: deserialization of documented codes only.
        mod with_serde_repr {
            #[derive(Clone, Copy, Debug, PartialEq, Eq, serde_repr::Deserialize_repr)]
            #[repr(i64)]
            pub enum Code {
                $($variant = $code,)*
            }
        }
    };
}

baselines! {
    9002 => InvalidTinyIdOrMeetingId, 500, "获取 TinyId 错误或者 meetingId 错误";
    9003 => MeetingNotExist, 500, "会议不存在";
    9008 => MeetingCreationLimitExceeded, 500, "创建会议数量超过限制";
    9042 => NoPermission, 500, "无权限操作";
    9061 => MeetingQueryRateLimited, 500, "查询会议过于频繁，超过限频次数";
    9093 => SubjectHasSensitiveWords, 500, "会议主题 (subject) 包含敏感词";
    9098 => MeetingCountLimitExceeded, 500, "会议数量超过限制";
    9099 => NoPermissionToEnterBookedMeeting, 500, "无权限进入预订会议";
    9100 => NoPermissionToBookMeeting, 500, "无权限预订会议";
    9101 => NoPermissionToJoinMeeting, 500, "无权限加入会议";
    9102 => NoPermissionToModifyMeeting, 500, "无权限修改会议";
    9103 => RoomsToWaitingRoomUnsupported, 500, "暂不支持将 rooms 移入等候室";
    9104 => CannotStopDeviceVideo, 500, "无法停止该设备视频";
    10000 => UserApiUnknownError, 500, "用户管理 API 调用未知错误类型";
    10001 => UserApiInvalidParameter, 500, "用户管理 API 调用参数错误";
    10005 => AppVersionDisabled, 500, "app-version 被禁用";
    20002 => UserAlreadyExists, 500, "用户已存在";
    20003 => UserUnavailable, 500, "用户不可用";
    40000 => InvalidPhoneNumber, 500, "手机号码不合法";
    41001 => InvalidEmailAddress, 500, "邮箱地址不合法";
    41002 => EmailAlreadyUsed, 500, "邮箱已被使用";
    41003 => PhoneNumberAlreadyExists, 500, "手机号码已存在";
    50000 => InvalidCorpId, 500, "企业 ID 不合法";
    50001 => CorpUnavailable, 500, "企业不可用";
    190001 => UserNotRegistered, 400, "用户未创建，请参考 创建用户 或去掉 X-TC-Registered 请求头";
    190300 => TimestampOutOfRange, 400, "API 请求头里的时间戳参数 X-TC-Timestamp 取值与服务器当前时间差距超过5分钟，视为非法请求";
    190301 => TimestampNonceReused, 400, "请求重放错误，请求头里的 X-TC-Timestamp 和 X-TC-Nonce 每次请求时需重新生成，不能使用和过去五分钟内相同的 timestamp 和 nonce";
    190303 => UnauthenticatedSecret, 400, "未认证的 secret 信息，请检查请求头公共参数里字段 AppId 和 X-TC-Key 内容是否正确；字段 SdkId 如未分配不要携带";
    190310 => PerMinuteCallLimitExceeded, 400, "每分钟总接口调用次数超过限制";
    190311 => DailyCallLimitExceeded, 400, "每天总接口调用次数超过限制";
    190312 => DailyPerApiCallLimitExceeded, 400, "每天单个接口调用次数超过限制";
    200001 => MissingRequiredHeader, 400, "API 请求头缺失必填字段";
    200002 => RequestReplayDetected, 400, "API 请求重放判定";
    200003 => InvalidSignature, 400, "API 调用签名验证错误";
    200004 => UnsupportedApiRequest, 400, "不支持的 API 请求";
    200005 => InvalidJson, 400, "JSON 串解析错误";
    200006 => InvalidParameter, 400, "API 请求参数出错";
}

/// Stops the run when the baselines no longer cover exactly the crate's codes, which
/// happens when `spec/` changes: update the table above from `generated/src/error_codes.rs`.
fn check_baselines() {
    let crate_codes: Vec<(i64, String, Option<u16>, Option<&str>)> = ErrorCode::ALL
        .iter()
        .map(|code| (code.code(), format!("{code:?}"), code.http_status(), code.description()))
        .collect();
    let table: Vec<(i64, String, Option<u16>, Option<&str>)> = TABLE
        .iter()
        .map(|&(code, variant, status, description)| (code, variant.to_owned(), Some(status), Some(description)))
        .collect();
    assert_eq!(crate_codes, table, "the baselines in benches/runtime.rs are out of date with the crate");
    for code in documented().into_iter().chain(undocumented()) {
        assert_eq!(with_phf::from_code(code), handwritten::Code::from_code(code), "the phf map differs at {code}");
    }
}

/// How many inputs each iteration handles.
const STREAM: usize = 4096;

/// `STREAM` codes drawn from `pool` by a fixed pseudo-random sequence (SplitMix64), as a
/// server sees them: too long and irregular a sequence for a branch predictor to learn, so
/// a match's branches cost what they cost in production.
fn stream(pool: &[i64]) -> Vec<i64> {
    let mut state: u64 = 0x5eed;
    (0..STREAM)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            pool[((z ^ (z >> 31)) % pool.len() as u64) as usize]
        })
        .collect()
}

/// A stream of documented codes.
fn documented() -> Vec<i64> {
    stream(&TABLE.iter().map(|row| row.0).collect::<Vec<_>>())
}

/// A stream of codes the documentation does not list: neighbours of documented codes,
/// far-off numbers and the extremes.
fn undocumented() -> Vec<i64> {
    let pool: Vec<i64> = TABLE
        .iter()
        .flat_map(|row| [row.0 + 7, row.0 - 3, row.0 * 10])
        .filter(|code| !TABLE.iter().any(|row| row.0 == *code))
        .chain([0, -1, i64::MIN, i64::MAX, 1_000_000_007])
        .collect();
    stream(&pool)
}

/// Runs `f` on every input per iteration, counting items.
fn each<T: Copy + Sync, R>(bencher: Bencher<'_, '_>, inputs: &[T], f: impl Fn(T) -> R + Sync) {
    bencher.counter(ItemsCount::new(inputs.len())).bench(|| {
        for &input in black_box(inputs) {
            black_box(f(input));
        }
    });
}

mod from_code_documented {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        each(bencher, &documented(), ErrorCode::from_code);
    }

    #[divan::bench]
    fn handwritten_match(bencher: Bencher<'_, '_>) {
        each(bencher, &documented(), handwritten::Code::from_code);
    }

    #[divan::bench]
    fn num_enum(bencher: Bencher<'_, '_>) {
        each(bencher, &documented(), with_num_enum::Code::from);
    }

    #[divan::bench]
    fn phf(bencher: Bencher<'_, '_>) {
        each(bencher, &documented(), with_phf::from_code);
    }
}

mod from_code_undocumented {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        each(bencher, &undocumented(), ErrorCode::from_code);
    }

    #[divan::bench]
    fn handwritten_match(bencher: Bencher<'_, '_>) {
        each(bencher, &undocumented(), handwritten::Code::from_code);
    }

    #[divan::bench]
    fn num_enum(bencher: Bencher<'_, '_>) {
        each(bencher, &undocumented(), with_num_enum::Code::from);
    }

    #[divan::bench]
    fn phf(bencher: Bencher<'_, '_>) {
        each(bencher, &undocumented(), with_phf::from_code);
    }
}

fn generated_codes() -> Vec<ErrorCode> {
    documented().into_iter().map(ErrorCode::from_code).collect()
}

fn handwritten_codes() -> Vec<handwritten::Code> {
    documented().into_iter().map(handwritten::Code::from_code).collect()
}

mod code {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        each(bencher, &generated_codes(), ErrorCode::code);
    }

    #[divan::bench]
    fn handwritten_match(bencher: Bencher<'_, '_>) {
        each(bencher, &handwritten_codes(), handwritten::Code::code);
    }

    #[divan::bench]
    fn num_enum(bencher: Bencher<'_, '_>) {
        let codes: Vec<with_num_enum::Code> = documented().into_iter().map(with_num_enum::Code::from).collect();
        each(bencher, &codes, i64::from);
    }
}

mod description {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        each(bencher, &generated_codes(), ErrorCode::description);
    }

    #[divan::bench]
    fn handwritten_match(bencher: Bencher<'_, '_>) {
        each(bencher, &handwritten_codes(), handwritten::Code::description);
    }
}

mod http_status {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        each(bencher, &generated_codes(), ErrorCode::http_status);
    }

    #[divan::bench]
    fn handwritten_match(bencher: Bencher<'_, '_>) {
        each(bencher, &handwritten_codes(), handwritten::Code::http_status);
    }
}

/// `Display` into one buffer reused across iterations: after the first, no allocation at all.
mod display {
    use super::*;

    fn into_buffer<T: fmt::Display + Copy + Sync>(bencher: Bencher<'_, '_>, codes: &[T]) {
        let mut buffer = String::with_capacity(1024);
        bencher.counter(ItemsCount::new(codes.len())).bench_local(|| {
            for code in black_box(codes) {
                buffer.clear();
                let _ = write!(buffer, "{code}");
                black_box(buffer.as_str());
            }
        });
    }

    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        into_buffer(bencher, &generated_codes());
    }

    #[divan::bench]
    fn handwritten_match(bencher: Bencher<'_, '_>) {
        into_buffer(bencher, &handwritten_codes());
    }

    #[divan::bench]
    fn generated_undocumented(bencher: Bencher<'_, '_>) {
        let codes: Vec<ErrorCode> = undocumented().into_iter().map(ErrorCode::from_code).collect();
        into_buffer(bencher, &codes);
    }
}

/// The doc's example body, as the doc prints it.
const EXAMPLE_BODY: &str = r#"{
        "error_info": {
                "error_code": 9003,
                "message": "MEETING NOT EXIST"
        }
}"#;

/// The body as a user would derive it, generic over the type of the code.
#[derive(serde::Deserialize)]
struct DerivedResponse<C> {
    #[allow(dead_code)]
    error_info: DerivedInfo<C>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct DerivedInfo<C> {
    error_code: C,
    #[serde(default)]
    new_error_code: Option<i64>,
    #[serde(default)]
    message: String,
}

/// A fixed sample size: left to itself, divan sometimes timed one iteration per sample here,
/// where the timer's precision (20 ns) is a tenth of the figure.
#[divan::bench_group(sample_size = 256)]
mod deserialize_example_body {
    use super::*;

    fn body<T: for<'de> serde::Deserialize<'de>>(bencher: Bencher<'_, '_>) {
        bencher.bench(|| serde_json::from_str::<T>(black_box(EXAMPLE_BODY)).unwrap());
    }

    /// The crate's `ErrorResponse`, with its hand-written impls.
    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        body::<ErrorResponse>(bencher);
    }

    /// A derived struct holding the crate's `ErrorCode`: the code's cost alone.
    #[divan::bench]
    fn derived_with_generated_code(bencher: Bencher<'_, '_>) {
        body::<DerivedResponse<ErrorCode>>(bencher);
    }

    #[divan::bench]
    fn raw_i64(bencher: Bencher<'_, '_>) {
        body::<DerivedResponse<i64>>(bencher);
    }

    #[divan::bench]
    fn serde_repr(bencher: Bencher<'_, '_>) {
        body::<DerivedResponse<with_serde_repr::Code>>(bencher);
    }
}

/// `ApiError::from_http` on the doc's example body: the whole read a client pays for a failed
/// response, status and body kept, code and message read.
#[cfg(feature = "json")]
#[divan::bench_group(sample_size = 256)]
mod from_http_example_body {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher<'_, '_>) {
        bencher
            .bench(|| tencent_meeting_errors::ApiError::from_http(black_box(500), black_box(EXAMPLE_BODY.as_bytes())));
    }
}
