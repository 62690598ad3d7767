//! The harness: a private Xvfb display, a tauri-driver, and a small W3C WebDriver client over
//! plain HTTP. Everything started here is stopped when the [`Desktop`] is dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(20);

/// A virtual display with a tauri-driver bound to it, and a fresh data folder.
pub struct Desktop {
    pub app: PathBuf,
    pub data: tempfile::TempDir,
    display: String,
    xvfb: Child,
    driver: Child,
    driver_url: String,
}

impl Desktop {
    pub fn start() -> Desktop {
        Self::start_themed(false)
    }

    /// Like [`Desktop::start`], with GTK (and so the web view's `prefers-color-scheme`) dark.
    pub fn start_dark() -> Desktop {
        Self::start_themed(true)
    }

    fn start_themed(dark: bool) -> Desktop {
        let app = std::env::var_os("ACCORD_E2E_APP")
            .map(PathBuf::from)
            .expect("set ACCORD_E2E_APP to the release app binary (scripts/test.sh does)");
        assert!(
            app.is_file(),
            "ACCORD_E2E_APP={} is not a file",
            app.display()
        );
        let data = tempfile::tempdir().expect("a temporary folder");

        let (display, xvfb) = start_xvfb();
        let port = free_port();
        let native_port = free_port();
        let mut driver = Command::new("tauri-driver");
        if dark {
            driver.env("GTK_THEME", "Adwaita:dark");
        }
        let driver = driver
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("DISPLAY", &display)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            // Keep the app's settings (window state) inside the test's folder.
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env("XDG_DATA_HOME", data.path().join("data"))
            .env_remove("ACCORD_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver runs (scripts/install.sh installs it)");
        let driver_url = format!("http://127.0.0.1:{port}");
        let desktop = Desktop {
            app,
            data,
            display,
            xvfb,
            driver,
            driver_url,
        };
        desktop.wait_for_driver();
        desktop
    }

    /// The database every session of this desktop opens.
    pub fn db(&self) -> PathBuf {
        self.data.path().join("accord.db")
    }

    fn wait_for_driver(&self) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(status) = http("GET", &format!("{}/status", self.driver_url), None) {
                if status.0 == 200 {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not answer /status"
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// Launches the app with `--db` pointing at this desktop's database.
    pub fn launch(&self) -> Session {
        self.launch_with(&self.db())
    }

    /// Launches the app on another database file.
    pub fn launch_with(&self, db: &Path) -> Session {
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": {
                        "application": self.app,
                        "args": ["--db", db],
                    }
                }
            }
        });
        let url = format!("{}/session", self.driver_url);
        let (status, body) = http("POST", &url, Some(capabilities)).expect("new session");
        assert_eq!(status, 200, "new session refused: {body}");
        let id = body["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Session {
            base: format!("{url}/{id}"),
            display: self.display.clone(),
        }
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
        remove_x_lock(&self.display);
    }
}

/// Starts Xvfb on the first free display from :90; returns the display name and the process.
pub fn start_xvfb() -> (String, Child) {
    for n in 90..190 {
        let display = format!(":{n}");
        match lock_owner(n) {
            Lock::Free => {}
            Lock::Live => continue,
            // A stale socket would look ready before the new server listens.
            Lock::Stale => remove_x_lock(&display),
        }
        let mut child = Command::new("Xvfb")
            .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (scripts/install.sh installs it)");
        let socket = format!("/tmp/.X11-unix/X{n}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if Path::new(&socket).exists() {
                return (display, child);
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // lost a race for this display number; try the next
            }
            sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("no free X display between :90 and :189");
}

enum Lock {
    Free,
    Live,
    Stale,
}

/// Who holds display `n`. A lock file whose process is gone is stale: a killed Xvfb leaves it
/// behind, and after enough runs every display would look taken.
fn lock_owner(n: u32) -> Lock {
    let Ok(text) = std::fs::read_to_string(format!("/tmp/.X{n}-lock")) else {
        return Lock::Free;
    };
    match text.trim().parse::<u32>() {
        Ok(pid) if !Path::new(&format!("/proc/{pid}")).exists() => Lock::Stale,
        _ => Lock::Live,
    }
}

/// Removes what a killed Xvfb on `display` (":N") leaves behind.
fn remove_x_lock(display: &str) {
    if let Some(n) = display.strip_prefix(':') {
        let _ = std::fs::remove_file(format!("/tmp/.X{n}-lock"));
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{n}"));
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// One HTTP exchange with the driver; returns the status and the JSON body.
fn http(method: &str, url: &str, body: Option<Value>) -> Result<(u16, Value), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, Some(body)) => agent.post(url).send_json(body),
        (_, None) => agent.post(url).send_json(json!({})),
    };
    let mut response = response.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Ok((status, value))
}

/// A running app under WebDriver control.
pub struct Session {
    base: String,
    display: String,
}

/// A WebDriver element reference.
#[derive(Clone)]
pub struct Element(String);

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Session {
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let (status, value) = http(method, &format!("{}{path}", self.base), body)?;
        if status == 200 {
            Ok(value["value"].clone())
        } else {
            Err(format!("{method} {path}: {status} {value}"))
        }
    }

    fn must(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.command(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver: {e}"))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let value = self
            .command(
                "POST",
                "/elements",
                Some(json!({"using": "css selector", "value": css})),
            )
            .unwrap_or(Value::Array(vec![]));
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str().map(|s| Element(s.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits until `css` matches at least one element and returns the first.
    pub fn wait_for(&self, css: &str) -> Element {
        self.wait_for_all(css, 1).remove(0)
    }

    /// Waits until `css` matches at least `count` elements.
    pub fn wait_for_all(&self, css: &str, count: usize) -> Vec<Element> {
        let deadline = Instant::now() + WAIT;
        loop {
            let found = self.find_all(css);
            if found.len() >= count {
                return found;
            }
            if Instant::now() > deadline {
                let shot = self.screenshot("timeout");
                panic!(
                    "waited {WAIT:?} for {count} × {css:?}, found {}; screenshot: {}",
                    found.len(),
                    shot.display()
                );
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits until some element matching `css` has text containing `needle`; returns it.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            for element in self.find_all(css) {
                if self.text(&element).contains(needle) {
                    return element;
                }
            }
            if Instant::now() > deadline {
                let shot = self.screenshot("timeout");
                panic!(
                    "waited {WAIT:?} for {css:?} containing {needle:?}; screenshot: {}",
                    shot.display()
                );
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// The element's rendered text (innerText; WebDriver's own text command drops parts of
    /// buttons with nested spans in WebKitGTK).
    pub fn text(&self, element: &Element) -> String {
        self.command(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "return arguments[0].innerText || arguments[0].textContent || '';",
                "args": [{ ELEMENT_KEY: element.0 }],
            })),
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
    }

    /// Scrolls an element into view and clicks it, retrying while WebKit still reports it not interactable (right
    /// after a render it may not be hit-testable yet).
    pub fn click(&self, element: &Element) {
        // WebKitWebDriver scrolls the page but not nested scroll areas such as the main pane.
        self.execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            json!([{ ELEMENT_KEY: element.0 }]),
        );
        let path = format!("/element/{}/click", element.0);
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.command("POST", &path, Some(json!({}))) {
                Ok(_) => return,
                Err(e) if e.contains("not interactable") && Instant::now() < deadline => {
                    sleep(Duration::from_millis(100));
                }
                Err(e) => {
                    let shot = self.screenshot("click-failed");
                    panic!("WebDriver: {e}; screenshot: {}", shot.display());
                }
            }
        }
    }

    /// Types into an input as a user would (clearing it first).
    pub fn type_into(&self, element: &Element, text: &str) {
        self.must("POST", &format!("/element/{}/clear", element.0), None);
        self.must(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        );
    }

    /// Chooses an option of a `<select>` by value and fires `change`, as picking it would.
    pub fn select(&self, element: &Element, value: &str) {
        self.execute(
            "const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); el.dispatchEvent(new Event('input', {bubbles: true}));",
            json!([{ ELEMENT_KEY: element.0 }, value]),
        );
    }

    /// The value of an attribute, or None.
    pub fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        self.execute(
            "return arguments[0].getAttribute(arguments[1]);",
            json!([{ ELEMENT_KEY: element.0 }, name]),
        )
        .as_str()
        .map(str::to_string)
    }

    /// The current value of an input (its property, not the attribute it started with).
    pub fn value(&self, element: &Element) -> String {
        self.execute(
            "return String(arguments[0].value ?? '');",
            json!([{ ELEMENT_KEY: element.0 }]),
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Presses and releases one key on whatever has the focus, as a user would; `key` is a
    /// WebDriver key code such as `"\u{E00C}"` (Escape).
    pub fn press_key(&self, key: &str) {
        self.must(
            "POST",
            "/actions",
            Some(json!({"actions": [{
                "type": "key",
                "id": "keyboard",
                "actions": [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}],
            }]})),
        );
        self.must("DELETE", "/actions", None);
    }

    /// Waits until nothing matches `css` any more.
    pub fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.find_all(css).is_empty() {
            if Instant::now() > deadline {
                let shot = self.screenshot("timeout");
                panic!(
                    "waited {WAIT:?} for {css:?} to go; screenshot: {}",
                    shot.display()
                );
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Whether a checkbox or radio button is checked.
    pub fn is_checked(&self, element: &Element) -> bool {
        self.execute(
            "return !!arguments[0].checked;",
            json!([{ ELEMENT_KEY: element.0 }]),
        )
        .as_bool()
        .unwrap_or(false)
    }

    /// Waits until `check` holds for the text of the first element matching `css`.
    pub fn wait_until_text(&self, css: &str, what: &str, check: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(element) = self.find_all(css).first() {
                if check(&self.text(element)) {
                    return;
                }
            }
            if Instant::now() > deadline {
                let shot = self.screenshot("timeout");
                panic!("waited {WAIT:?} for {what}; screenshot: {}", shot.display());
            }
            sleep(Duration::from_millis(100));
        }
    }

    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.must(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Saves a PNG of the whole virtual screen (window frame included) under target/e2e/ and
    /// returns its path; falls back to WebDriver's page screenshot without ImageMagick.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
        std::fs::create_dir_all(&dir).expect("target/e2e can be created");
        let path = dir.join(format!("{name}.png"));
        let imported = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .env("DISPLAY", &self.display)
            .status()
            .is_ok_and(|s| s.success());
        if !imported {
            let data = self.must("GET", "/screenshot", None);
            let png = base64::Engine::decode(
                &base64::engine::general_purpose::STANDARD,
                data.as_str().unwrap_or_default(),
            )
            .expect("WebDriver screenshots are base64");
            std::fs::write(&path, png).expect("the screenshot can be written");
        }
        path
    }

    /// Scrolls the element to the top of its scroll area (before a screenshot), and gives the
    /// window a moment to paint.
    pub fn scroll_to(&self, element: &Element) {
        self.execute(
            "arguments[0].scrollIntoView({block: 'start'});",
            json!([{ ELEMENT_KEY: element.0 }]),
        );
        sleep(Duration::from_millis(200));
    }

    /// Resizes the window (outer size), e.g. to check a layout at 1024×768.
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.must(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
        sleep(Duration::from_millis(300));
    }

    /// Closes the app (the session ends and tauri-driver stops the process).
    pub fn quit(self) {
        let _ = self.command("DELETE", "", None);
    }
}
