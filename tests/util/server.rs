//! `bireport serve` started on a free port for a test, and a minimal HTTP/1.1 client (one
//! request per connection), so the tests need no HTTP crate of their own.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use super::Scratch;

/// A running server; stopped (SIGTERM, then killed) when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    stderr: Arc<Mutex<String>>,
}

/// An answer.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// Starts `bireport [args] serve --addr 127.0.0.1:0` in `scratch` and waits for its
    /// address.
    pub fn start(scratch: &Scratch, args: &[&str]) -> Server {
        Server::start_with(scratch, args, &[])
    }

    /// Starts `bireport [args] serve --addr 127.0.0.1:0 [serve_flags]`.
    pub fn start_with(scratch: &Scratch, args: &[&str], serve_flags: &[&str]) -> Server {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["serve", "--addr", "127.0.0.1:0"]);
        all.extend_from_slice(serve_flags);
        let mut child = scratch
            .command(&all)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bireport serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).unwrap_or(0) > 0 {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).expect("read the serving line");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.strip_suffix("/\n"))
            .unwrap_or_else(|| panic!("no address in {line:?}; stderr: {}", stderr.lock().unwrap()))
            .to_string();
        Server {
            child,
            addr,
            stderr,
        }
    }

    /// What the server wrote on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Response {
        Client::new(self.addr.clone()).get(path)
    }

    /// Sends `raw` as it is and reads the answer.
    pub fn request(&self, raw: &str) -> Response {
        Client::new(self.addr.clone()).request(raw)
    }

    /// Sends SIGTERM and waits for the exit code.
    pub fn terminate(mut self) -> (Option<i32>, String) {
        // SAFETY: kill(2) on our own child's pid with a valid signal number.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let status = self.child.wait().expect("wait for the server");
        std::thread::sleep(Duration::from_millis(100));
        (status.code(), self.stderr())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client of one server, for threads of their own.
pub struct Client {
    addr: String,
}

impl Client {
    pub fn new(addr: String) -> Client {
        Client { addr }
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Response {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    /// Sends `raw` as it is and reads the answer.
    pub fn request(&self, raw: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(raw.as_bytes()).expect("send");
        let mut bytes = Vec::new();
        // A server may close on a request it refuses before reading all of it.
        let _ = stream.read_to_end(&mut bytes);
        if bytes.is_empty() {
            return Response {
                status: 0,
                headers: Vec::new(),
                body: String::new(),
            };
        }
        parse(&bytes)
    }
}

/// Parses an HTTP/1.1 answer, chunked or not.
fn parse(bytes: &[u8]) -> Response {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..end]);
    let mut body = &bytes[end + 4..];
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let mut whole = Vec::new();
    if chunked {
        while let Some(line_end) = body.windows(2).position(|w| w == b"\r\n") {
            let size = std::str::from_utf8(&body[..line_end]).unwrap_or("0");
            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let start = line_end + 2;
            whole.extend_from_slice(&body[start..start + size]);
            body = &body[start + size + 2..];
        }
    } else {
        whole.extend_from_slice(body);
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&whole).into_owned(),
    }
}
