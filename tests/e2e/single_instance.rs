//! A second launch hands over to the running app instead of opening the database twice.
//! The single-instance plugin works through the D-Bus session bus, so this runs the app under
//! `dbus-run-session` on a private Xvfb display.

use std::process::Command;

use crate::support::start_xvfb;

#[test]
#[ignore = "needs the release app, Xvfb and dbus-run-session: run scripts/test.sh"]
fn a_second_launch_hands_over_and_exits() {
    let app = std::env::var("ACCORD_E2E_APP").expect("set ACCORD_E2E_APP (scripts/test.sh does)");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("accord.db");
    let (display, mut xvfb) = start_xvfb();
    // The first instance is up once it has created its database; the second should then
    // exit 0 at once while the first keeps running.
    let script = r#"
        "$APP" --db "$DB" & first=$!
        for _ in $(seq 1 200); do [ -s "$DB" ] && break; sleep 0.1; done
        sleep 1
        timeout 30 "$APP" --db "$DB"; echo "second-exit=$?"
        if kill -0 "$first" 2>/dev/null; then echo first-alive; fi
        kill "$first"; wait "$first" 2>/dev/null
        true
    "#;
    let output = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", script])
        .env("APP", &app)
        .env("DB", &db)
        .env("DISPLAY", &display)
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("XDG_CONFIG_HOME", data.path().join("config"))
        .output()
        .expect("dbus-run-session runs (scripts/install.sh installs dbus)");
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("second-exit=0"), "{stdout}");
    assert!(stdout.contains("first-alive"), "{stdout}");
}
