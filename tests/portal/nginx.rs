//! nginx (Debian's, installed by `scripts/test`) as the test's own process: its own prefix
//! directory and configuration file on a free loopback port, never the system service. It
//! proxies to named upstream instances with `deploy/nginx/proxy.conf`, the same lines
//! `docs/deploy.md` gives for production.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The request header that pins a request to one named instance (test configuration only;
/// without it nginx balances round-robin like the production site).
pub const PIN_HEADER: &str = "x-test-instance";

pub struct Nginx {
    prefix: PathBuf,
    child: Child,
    watchdog: Child,
}

fn binary() -> String {
    if let Ok(path) = std::env::var("NGINX") {
        return path;
    }
    for candidate in [
        "/usr/sbin/nginx",
        "/usr/local/sbin/nginx",
        "/usr/local/nginx/sbin/nginx",
    ] {
        if std::path::Path::new(candidate).exists() {
            return candidate.to_owned();
        }
    }
    "nginx".to_owned()
}

impl Nginx {
    /// Starts nginx on loopback `port` in front of `upstreams` (name, port).
    pub fn start_on(port: u16, upstreams: &[(&str, u16)]) -> Nginx {
        let prefix = std::env::temp_dir()
            .join("multipartner-tests")
            .join(crate::common::unique_name("nginx"));
        std::fs::create_dir_all(prefix.join("logs")).unwrap();
        let proxy_conf = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/nginx/proxy.conf");
        let servers: String = upstreams
            .iter()
            .map(|(_, p)| format!("    server 127.0.0.1:{p};\n"))
            .collect();
        let pins: String = upstreams
            .iter()
            .map(|(name, p)| format!("    {name} 127.0.0.1:{p};\n"))
            .collect();
        let p = prefix.display();
        let conf = format!(
            r#"# Written by tests/portal/nginx.rs for one test.
daemon off;
master_process off;
pid {p}/nginx.pid;
error_log {p}/logs/error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log {p}/logs/access.log;
  client_body_temp_path {p}/client_body;
  proxy_temp_path {p}/proxy;
  fastcgi_temp_path {p}/fastcgi;
  uwsgi_temp_path {p}/uwsgi;
  scgi_temp_path {p}/scgi;
  upstream multipartner {{
{servers}    keepalive 8;
  }}
  map $http_{pin} $portal {{
    default multipartner;
{pins}  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://$portal;
      include {proxy_conf};
    }}
  }}
}}
"#,
            pin = PIN_HEADER.replace('-', "_"),
        );
        let conf_path = prefix.join("nginx.conf");
        std::fs::write(&conf_path, conf).unwrap();
        let nginx = binary();
        let mut child = Command::new(&nginx)
            .arg("-p")
            .arg(&prefix)
            .arg("-c")
            .arg(&conf_path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("nginx is required ({nginx}: {e}); run scripts/test"));
        // Should this test process die without running Drop, nginx goes with it.
        let watchdog = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "while kill -0 {} 2>/dev/null && kill -0 {} 2>/dev/null; do sleep 1; done; kill {} 2>/dev/null",
                std::process::id(),
                child.id(),
                child.id()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                use std::io::Read;
                child.stderr.take().unwrap().read_to_string(&mut err).ok();
                panic!("nginx exited with {status}: {err}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx {
            prefix,
            child,
            watchdog,
        }
    }

    /// nginx's access log so far (for a failing test's message).
    pub fn access_log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("logs/access.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = self.watchdog.kill();
        let _ = self.watchdog.wait();
        let _ = std::fs::remove_dir_all(&self.prefix);
    }
}
