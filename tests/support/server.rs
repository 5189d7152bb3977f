//! A tiny HTTP/1.1 server for tests. Each path has a queue of replies (the
//! last one repeats), so "500 then 200" or "429 then 200" is one line.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers one request.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Answer 304 when the request's If-None-Match equals this ETag.
    pub etag: Option<String>,
    /// Send the body one byte per this delay.
    pub drip: Option<Duration>,
    /// Close the connection after this many body bytes (a reset mid-body).
    pub cut_after: Option<usize>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            etag: None,
            drip: None,
            cut_after: None,
        }
    }
    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body)
    }
    pub fn xml(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "application/xml", body)
    }
    pub fn status(status: u16) -> Reply {
        Reply::new(status, "text/plain", format!("status {status}"))
    }
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("Location", location)
    }
    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub fn with_etag(mut self, etag: &str) -> Reply {
        self.etag = Some(etag.into());
        self.header("ETag", etag)
    }
    pub fn dripping(mut self, every: Duration) -> Reply {
        self.drip = Some(every);
        self
    }
    pub fn cut_after(mut self, n: usize) -> Reply {
        self.cut_after = Some(n);
        self
    }
}

/// Builds a reply for paths without a fixed route (e.g. thousands of generated pages).
pub type Fallback = Arc<dyn Fn(&str) -> Option<Reply> + Send + Sync>;

#[derive(Default)]
struct State {
    routes: HashMap<String, Vec<Reply>>,
    fallback: Option<Fallback>,
    hits: HashMap<String, usize>,
    conditional_hits: HashMap<String, usize>,
}

/// The server; dropped with its runtime at the end of a test.
#[derive(Clone)]
pub struct TestServer {
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl TestServer {
    /// Starts the server on a free port of 127.0.0.1 in its own thread and runtime,
    /// so it serves both async and blocking (process-spawning) tests.
    pub fn start() -> TestServer {
        TestServer::start_on(0)
    }

    /// Starts the server on `port` of 127.0.0.1 (0: any free port).
    pub fn start_on(port: u16) -> TestServer {
        let std_listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let port = std_listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State::default()));
        let st = state.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = TcpListener::from_std(std_listener).unwrap();
                loop {
                    let Ok((sock, _)) = listener.accept().await else {
                        continue;
                    };
                    let st = st.clone();
                    tokio::spawn(async move {
                        let _ = serve(sock, st).await;
                    });
                }
            });
        });
        TestServer { port, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    /// Sets the replies for `path` (the last one repeats).
    pub fn route(&self, path: &str, replies: Vec<Reply>) {
        self.state
            .lock()
            .unwrap()
            .routes
            .insert(path.to_string(), replies);
    }

    /// Answers paths that have no route with `f` (404 when it returns `None`).
    pub fn set_fallback(&self, f: Fallback) {
        self.state.lock().unwrap().fallback = Some(f);
    }

    pub fn hits(&self, path: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .hits
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// Requests for `path` that carried If-None-Match or If-Modified-Since.
    pub fn conditional_hits(&self, path: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .conditional_hits
            .get(path)
            .copied()
            .unwrap_or(0)
    }
}

async fn serve(mut sock: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    // Keep-alive: answer requests on this connection until the client closes it.
    let mut buf = Vec::new();
    loop {
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break pos + 4;
            }
            let n = sock.read(&mut chunk).await?;
            if n == 0 || buf.len() > 64 * 1024 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        buf.drain(..head_end);
        if !answer(&mut sock, &head, &state).await? {
            return Ok(());
        }
    }
}

/// Answers one request; returns whether the connection may be reused.
async fn answer(
    sock: &mut TcpStream,
    head: &str,
    state: &Arc<Mutex<State>>,
) -> std::io::Result<bool> {
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let header = |name: &str| {
        head.lines()
            .find(|l| {
                l.to_ascii_lowercase()
                    .starts_with(&format!("{}:", name.to_ascii_lowercase()))
            })
            .map(|l| l.split_once(':').unwrap().1.trim().to_string())
    };
    let if_none_match = header("if-none-match");
    let conditional = if_none_match.is_some() || header("if-modified-since").is_some();
    let reply = {
        let mut st = state.lock().unwrap();
        *st.hits.entry(path.clone()).or_default() += 1;
        if conditional {
            *st.conditional_hits.entry(path.clone()).or_default() += 1;
        }
        match st.routes.get_mut(&path) {
            Some(q) if q.len() > 1 => q.remove(0),
            Some(q) => q[0].clone(),
            None => {
                let fallback = st.fallback.clone();
                drop(st);
                fallback
                    .and_then(|f| f(&path))
                    .unwrap_or_else(|| Reply::status(404))
            }
        }
    };
    if let (Some(etag), Some(inm)) = (&reply.etag, &if_none_match) {
        if etag == inm {
            let resp =
                format!("HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nContent-Length: 0\r\n\r\n");
            sock.write_all(resp.as_bytes()).await?;
            return Ok(true);
        }
    }
    let faulty = reply.drip.is_some() || reply.cut_after.is_some();
    let mut resp = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\n",
        reply.status,
        reply.body.len()
    );
    if faulty {
        resp.push_str("Connection: close\r\n");
    }
    for (k, v) in &reply.headers {
        resp.push_str(&format!("{k}: {v}\r\n"));
    }
    resp.push_str("\r\n");
    sock.write_all(resp.as_bytes()).await?;
    let body = match reply.cut_after {
        Some(n) => &reply.body[..n.min(reply.body.len())],
        None => &reply.body[..],
    };
    match reply.drip {
        Some(every) => {
            for b in body {
                sock.write_all(&[*b]).await?;
                tokio::time::sleep(every).await;
            }
        }
        None => sock.write_all(body).await?,
    }
    sock.flush().await?;
    if reply.cut_after.is_some() {
        // Reset instead of a clean close: the client sees the body end early.
        let _ = socket2::SockRef::from(&*sock).set_linger(Some(Duration::ZERO));
    }
    Ok(!faulty)
}
