//! A server on 127.0.0.1 that answers each request with the next response of a script, byte
//! for byte, then closes the connection: a body can be cut short by declaring a longer
//! `Content-Length` than what is sent.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::Duration;

/// The path that stops the server.
const DONE: &str = "/done";

pub struct Server {
    base: String,
    thread: JoinHandle<Vec<String>>,
}

impl Server {
    /// Answers the n-th request with `script[n]`; past the end of the script, with a 500
    /// that no client retries, so a client that asks too often is seen, not hung.
    pub fn start(script: Vec<Vec<u8>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let thread = std::thread::spawn(move || {
            let mut paths = Vec::new();
            loop {
                let (stream, _) = listener.accept().unwrap();
                let (path, mut stream) = read_request(stream);
                if path == DONE {
                    return paths;
                }
                let exhausted = response(500, &[], b"the script is exhausted");
                stream.write_all(script.get(paths.len()).unwrap_or(&exhausted)).unwrap();
                // A clean close after the last byte: whatever was sent arrives.
                stream.shutdown(Shutdown::Write).unwrap();
                paths.push(path);
            }
        });
        Server { base, thread }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server and returns the paths it was asked for, in order.
    pub fn finish(self) -> Vec<String> {
        let mut stream = TcpStream::connect(self.base.trim_start_matches("http://")).unwrap();
        write!(stream, "GET {DONE} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        self.thread.join().unwrap()
    }
}

/// Reads a request's head (the clients send no body with a GET) and returns its path.
pub fn read_request(stream: TcpStream) -> (String, TcpStream) {
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        if header.trim_end().is_empty() {
            break;
        }
    }
    let path = request_line.split(' ').nth(1).unwrap_or_default().to_owned();
    (path, reader.into_inner())
}

/// A ureq agent that hands back 4xx and 5xx answers with their bodies. Its timeout only keeps
/// a broken server from hanging the test run; nothing is timed.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// A whole response: status, headers, `Content-Length` and body.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut bytes = head(status, headers, body.len());
    bytes.extend_from_slice(body);
    bytes
}

/// A response whose `Content-Length` is `declared` but whose body stops after `sent`.
pub fn cut_short(status: u16, declared: usize, sent: &[u8]) -> Vec<u8> {
    assert!(declared > sent.len());
    let mut bytes = head(status, &[("Content-Type", "application/json")], declared);
    bytes.extend_from_slice(sent);
    bytes
}

fn head(status: u16, headers: &[(&str, &str)], content_length: usize) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} Canned\r\nContent-Length: {content_length}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}
