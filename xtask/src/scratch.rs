//! Scratch workspaces for the tests: copies of the repository's inputs, or small docs of our
//! own, in fresh directories under the system's temporary directory.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::layout::LIB_RS;
use crate::specs::TEST_MODULES;
use crate::version::MANIFEST;

/// The checkout the tests run in (cargo runs them in the xtask's directory).
pub(crate) fn repository() -> PathBuf {
    crate::root::find(&std::env::current_dir().unwrap()).unwrap()
}

/// A copy of the repository's inputs in a fresh directory under the system's temporary
/// directory, removed when dropped.
pub(crate) struct Scratch {
    pub(crate) root: PathBuf,
}

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!("errtab-xtask-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let workspace = repository();
        let sources = TEST_MODULES.iter().flat_map(|[doc, overlay, _]| [*doc, *overlay]);
        for path in ["spec/error-codes.md", "spec/error-codes.toml", MANIFEST, LIB_RS].into_iter().chain(sources) {
            let target = root.join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(workspace.join(path), target).unwrap();
        }
        fs::create_dir_all(root.join("generated/src")).unwrap();
        fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = [\"generated\"]\n").unwrap();
        for [_, _, rust] in TEST_MODULES {
            fs::create_dir_all(root.join(rust).parent().unwrap()).unwrap();
        }
        Scratch { root }
    }

    /// A workspace of our own making: the hostile fixture, the manifest, and in `spec/` the
    /// small docs of [`DOCS`] (a root doc and two more, each with its own quirk), declared
    /// in `generated/src/lib.rs` as [`LIB_RS_OF_DOCS`] does.
    pub(crate) fn with_docs(name: &str) -> Scratch {
        let scratch = Scratch::new(name);
        fs::remove_file(scratch.root.join("spec/error-codes.md")).unwrap();
        fs::remove_file(scratch.root.join("spec/error-codes.toml")).unwrap();
        for (path, text) in DOCS {
            scratch.write(path, text.as_bytes());
        }
        scratch.write(LIB_RS, LIB_RS_OF_DOCS.as_bytes());
        scratch
    }

    /// [`Scratch::with_docs`] and a page of two sections, [`SECTIONS`], declared in
    /// `generated/src/lib.rs` as a block of a module per section ([`LIB_RS_OF_SECTIONS`]).
    pub(crate) fn with_sections(name: &str) -> Scratch {
        let scratch = Scratch::with_docs(name);
        for (path, text) in SECTIONS {
            scratch.write(path, text.as_bytes());
        }
        scratch.write(LIB_RS, format!("{LIB_RS_OF_DOCS}{LIB_RS_OF_SECTIONS}").as_bytes());
        scratch
    }

    pub(crate) fn write(&self, path: &str, contents: &[u8]) {
        fs::write(self.root.join(path), contents).unwrap();
    }

    /// Runs git in the scratch workspace, as a test user; panics when it fails.
    pub(crate) fn git(&self, args: &[&str]) {
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    /// Commits every file, making the workspace a git repository first if it is not one.
    pub(crate) fn commit(&self, message: &str) {
        if !self.root.join(".git").exists() {
            self.git(&["init", "-q"]);
        }
        self.git(&["add", "."]);
        self.git(&["commit", "-q", "-m", message]);
    }

    pub(crate) fn read(&self, path: &str) -> String {
        fs::read_to_string(self.root.join(path)).unwrap()
    }

    /// Every file `gen` may write, under `generated/` and `tests/`, with its bytes.
    pub(crate) fn generated(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, files);
                } else {
                    files.insert(path.clone(), fs::read(&path).unwrap());
                }
            }
        }
        let mut files = BTreeMap::new();
        walk(&self.root.join("generated"), &mut files);
        if self.root.join("tests").is_dir() {
            walk(&self.root.join("tests"), &mut files);
        }
        files
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

pub(crate) fn one_line(error: &Error) -> String {
    let text = error.to_string();
    assert!(text.starts_with("error: ") && text.ends_with('\n') && text.lines().count() == 1, "{text:?}");
    text
}

/// Four docs of our own: the root one as Tencent Meeting writes it, one without outer
/// pipes whose code column is headed `参数` (DingTalk), one with name and HTTP columns
/// (IAM), and one of string codes (Tencent Cloud).
pub(crate) const DOCS: [(&str, &str); 8] = [
    ("spec/error-codes.md", "| 错误码 | 说明 |\n| --- | --- |\n| 9003 | 会议不存在 |\n| 9061 | 查询会议过于频繁 |\n"),
    (
        "spec/error-codes.toml",
        "retryable = [9061]\n\n[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n\
         9003 = \"Meeting not exist\"\n9061 = \"Meeting query rate limited\"\n",
    ),
    ("spec/dingtalk.md", "### 全局返回码\n\n参数 | 说明\n ---- | -----\n -1 | 系统繁忙\n 33001 | 无效的企业ID\n"),
    (
        "spec/dingtalk.toml",
        "[columns]\ncode = \"参数\"\n\n[classes.service]\nstatus = 200\ndefault = true\n\n[names]\n\
         -1 = \"System busy\"\n33001 = \"Invalid corp id\"\n",
    ),
    (
        "spec/iam-api.md",
        "| Identifier | Code | HTTP Code | Description |\n| --- | --- | --- | --- |\n\
         | ErrUserNotFound | 110001 | 404 | User not found |\n| ErrDatabase | 100101 | 500 | Database error |\n",
    ),
    ("spec/iam-api.toml", "[naming]\nstrip_prefix = \"Err\"\n"),
    (
        "spec/cloud-api.md",
        "## 公共错误码\n\n| 错误代码 | 错误描述 |\n| --- | --- |\n| AuthFailure | CAM签名/鉴权错误 |\n\
         | OperationDenied.Suspended | 账号已停用 |\n",
    ),
    (
        "spec/cloud-api.toml",
        "[doc]\ncodes = \"string\"\n\n[naming]\nfallback = \"code\"\n\n\
         [classes.service]\nstatus = 400\ndefault = true\n",
    ),
];

/// The hand-written root of the crate for [`DOCS`].
pub(crate) const LIB_RS_OF_DOCS: &str = "\
//! A crate of several docs.
#![doc = include_str!(\"error_codes.md\")]

#[rustfmt::skip]
mod error_codes;

#[doc = include_str!(\"dingtalk.md\")]
#[rustfmt::skip]
pub mod dingtalk;

#[doc = include_str!(\"iam_api.md\")]
#[rustfmt::skip]
pub mod iam_api;

#[doc = include_str!(\"cloud_api.md\")]
#[rustfmt::skip]
pub mod cloud_api;

pub use error_codes::{ErrorCode, ErrorKind, UnknownCode};
";

/// A page of two code spaces, an exchange's own codes and a partner SDK's, which its overlay
/// makes a module each (`[doc.sections]`); code 1001 is in both, with different meanings.
pub(crate) const SECTIONS: [(&str, &str); 2] = [
    (
        "spec/exchange.md",
        "# Errors\n\n## Spot\n\n| Code | Description |\n| --- | --- |\n| 1001 | Order not found |\n\
         | 1002 | Rate limited |\n\n## Partner SDK\n\n| Code | Description |\n| --- | --- |\n\
         | 1001 | Partner session expired |\n| 1003 | Partner quota used up |\n",
    ),
    (
        "spec/exchange.toml",
        "retryable = [1002]\n\n[doc.sections]\nspot = \"Spot\"\npartner_sdk = \"Partner SDK\"\n\n\
         [naming]\nfallback = \"code\"\n",
    ),
];

/// The block of `generated/src/lib.rs` declaring [`SECTIONS`]' modules.
pub(crate) const LIB_RS_OF_SECTIONS: &str = "
/// The exchange's codes, a module per section of its page.
pub mod exchange {
    #[doc = include_str!(\"exchange/spot.md\")]
    #[rustfmt::skip]
    pub mod spot;

    #[doc = include_str!(\"exchange/partner_sdk.md\")]
    #[rustfmt::skip]
    pub mod partner_sdk;
}
";
