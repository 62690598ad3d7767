//! Two partners on two machines (two database files, one app session at a time) exchange
//! sealed envelopes through files, and both see the same comparison at the end.
//!
//! Native file dialogs cannot be driven through WebDriver, so each session replaces the
//! dialog plugin's two IPC calls in the page: the IPC layer posts every command to the
//! `ipc:` protocol with `fetch`, and [`stub_dialogs`] answers `plugin:dialog|open` and
//! `plugin:dialog|save` with the paths the test chose (everything else goes through). The
//! app itself is the release build, unchanged.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::compare::{option, unlock, wait_saved, Answer};
use crate::support::{Desktop, Session};

const ALLIANCE: &str = "Northwind and Lumen pilot";
const ANA: &str = "Ana at Northwind";
const BEN: &str = "Ben at Lumen";
/// Identity passphrases (one per machine) and the questionnaire passphrases of each partner.
const ANA_IDENTITY: &str = "northwind identity";
const BEN_IDENTITY: &str = "lumen identity pass";
const ANA_ANSWERS: &str = "northwind answers";
const BEN_ANSWERS: &str = "lumen answers 123";

/// Each partner's answers (p1 on machine A, p2 on machine B) and the verdict both must see.
const ANSWERS: &[(&str, Answer, Answer, &str)] = &[
    (
        "fair-equals",
        Answer::Pick("yes"),
        Answer::Pick("yes"),
        "aligned",
    ),
    (
        "consult-formality",
        Answer::Scale(2),
        Answer::Scale(3),
        "compatible",
    ),
    (
        "time-prelude",
        Answer::Pick("yes"),
        Answer::Pick("no"),
        "conflict",
    ),
];

const STUB: &str = r#"
const paths = arguments[0];
if (!window.__accordDialogStub) {
  const realFetch = window.fetch.bind(window);
  const stub = { queue: [], asked: [] };
  window.__accordDialogStub = stub;
  window.fetch = function (input, init) {
    const url = decodeURIComponent(String(input && input.url ? input.url : input));
    const found = url.match(/plugin:dialog\|(open|save)/);
    if (!found) return realFetch(input, init);
    let options = null;
    try { options = JSON.parse(init.body).options; } catch (e) {}
    stub.asked.push({ kind: found[1], options: options });
    const path = stub.queue.length ? stub.queue.shift() : null;
    return Promise.resolve(new Response(JSON.stringify(path), {
      headers: { 'Content-Type': 'application/json', 'Tauri-Response': 'ok' },
    }));
  };
}
window.__accordDialogStub.queue.push(...paths);
return window.__accordDialogStub.asked.length;
"#;

/// Makes the next file dialog answer `path` (as if the user chose it).
pub(crate) fn stub_dialogs(app: &Session, path: &Path) {
    app.execute(STUB, json!([[path]]));
}

/// What the file dialogs were asked so far: `{kind, options}` each.
pub(crate) fn dialogs_asked(app: &Session) -> Vec<Value> {
    app.execute(
        "return window.__accordDialogStub ? window.__accordDialogStub.asked : [];",
        json!([]),
    )
    .as_array()
    .cloned()
    .unwrap_or_default()
}

fn click(app: &Session, css: &str) {
    app.click(&app.wait_for(css));
}

fn type_in(app: &Session, css: &str, text: &str) {
    app.type_into(&app.wait_for(css), text);
}

pub(crate) fn open_alliance(app: &Session, name: &str) {
    app.click(&app.wait_for_text("[data-testid=alliance-list-item]", name));
    app.wait_for_text("[data-testid=alliance-title]", name);
}

/// Opens the exchange section if it is collapsed.
pub(crate) fn show_exchange(app: &Session) {
    let toggle = app.wait_for("[data-testid=exchange-toggle]");
    if app.attribute(&toggle, "aria-expanded").as_deref() != Some("true") {
        app.click(&toggle);
    }
    app.wait_for("[data-testid=identity-panel]");
}

pub(crate) fn create_identity(app: &Session, name: &str, passphrase: &str) -> String {
    type_in(app, "[data-testid=identity-name-input]", name);
    type_in(app, "[data-testid=identity-passphrase]", passphrase);
    type_in(app, "[data-testid=identity-confirm]", passphrase);
    click(app, "[data-testid=create-identity]");
    let fingerprint = app.wait_for("[data-testid=identity-fingerprint]");
    app.attribute(&fingerprint, "data-value")
        .expect("the fingerprint is shown")
}

/// "Import card…" for `party`: the confirmation must show the card's name and the fingerprint
/// the partner reads out. Leaves the confirmation open.
fn import_card(app: &Session, party: &str, card: &Path, name: &str, fingerprint: &str) {
    stub_dialogs(app, card);
    click(
        app,
        &format!("[data-testid=import-card][data-party={party}]"),
    );
    app.wait_for("[data-testid=card-confirm]");
    let shown = app.wait_for("[data-testid=card-preview-fingerprint]");
    assert_eq!(
        app.attribute(&shown, "data-value").as_deref(),
        Some(fingerprint),
        "the confirmation shows the fingerprint the partner reads out"
    );
    assert_eq!(
        app.text(&app.wait_for("[data-testid=card-preview-name]")),
        name
    );
}

/// "Fingerprint matches: bind to …", then the card is shown bound.
fn confirm_card(app: &Session, party: &str, name: &str) {
    click(app, "[data-testid=card-confirm-bind]");
    app.wait_for_text(
        &format!("[data-testid=card-row][data-party={party}] [data-testid=card-bound]"),
        name,
    );
    assert!(app.find_all("[data-testid=card-confirm]").is_empty());
}

fn answer(
    app: &Session,
    party: &str,
    passphrase: &str,
    mine: impl Fn(&(&str, Answer, Answer, &str)) -> Answer,
) {
    unlock(app, party, passphrase);
    for row in ANSWERS {
        app.click(&app.wait_for(&option(row.0, mine(row))));
    }
    wait_saved(app);
    assert!(
        app.find_all("[data-testid=seal-answers]").is_empty(),
        "with a partner on another machine, the same-machine seal is not offered"
    );
    app.wait_for("[data-testid=seal-by-envelope]");
}

fn seal_and_export(app: &Session, identity: &str, envelope: &Path) {
    type_in(app, "[data-testid=exchange-passphrase]", identity);
    stub_dialogs(app, envelope);
    click(app, "[data-testid=seal-envelope]");
    app.wait_for("[data-testid=my-commitment]");
    assert!(envelope.is_file(), "{} was written", envelope.display());
}

fn import_envelope(app: &Session, party: &str, envelope: &Path) {
    stub_dialogs(app, envelope);
    click(
        app,
        &format!("[data-testid=import-envelope][data-party={party}]"),
    );
    app.wait_for_text(
        &format!("[data-testid=envelope-row][data-party={party}]"),
        "Recorded, cannot be opened yet",
    );
}

fn export_reveal(app: &Session, identity: &str, reveal: &Path) {
    type_in(app, "[data-testid=exchange-passphrase]", identity);
    stub_dialogs(app, reveal);
    click(app, "[data-testid=export-reveal]");
    app.wait_for_text("[data-testid=exchange-notice]", "Your reveal was saved");
    assert!(reveal.is_file(), "{} was written", reveal.display());
}

fn import_reveal(app: &Session, identity: &str, party: &str, reveal: &Path) {
    type_in(app, "[data-testid=exchange-passphrase]", identity);
    stub_dialogs(app, reveal);
    click(
        app,
        &format!("[data-testid=import-reveal][data-party={party}]"),
    );
}

/// The verdicts of the comparison on screen, by question.
fn verdicts(app: &Session) -> Vec<(String, String)> {
    app.wait_for("[data-testid=exchange-comparison] [data-testid=comparison]");
    ANSWERS
        .iter()
        .map(|(question, _, _, _)| {
            let row = app.wait_for(&format!(
                "[data-testid=exchange-comparison] [data-testid=gap-row][data-question={question}]"
            ));
            (
                question.to_string(),
                app.attribute(&row, "data-verdict").unwrap_or_default(),
            )
        })
        .collect()
}

fn launch(desktop: &Desktop, db: &Path) -> Session {
    let app = desktop.launch_with(db);
    app.wait_for("[data-testid=alliance-list-item]");
    app
}

#[test]
#[ignore = "needs the release app, Xvfb and tauri-driver: run scripts/test.sh"]
fn two_machines_exchange_sealed_envelopes_and_see_the_same_comparison() {
    let desktop = Desktop::start();
    let files = desktop.data.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let file = |name: &str| -> PathBuf { files.join(name) };
    let (db_a, db_b) = (
        desktop.data.path().join("a.db"),
        desktop.data.path().join("b.db"),
    );

    // Machine A: the alliance (the demo, renamed), Ana's identity, her card and the alliance file.
    let app = launch(&desktop, &db_a);
    // Of the dialog plugin only open and save are granted: a message box is refused.
    let refused = app.execute(
        "return window.__TAURI_INTERNALS__.invoke('plugin:dialog|message', {message: 'x'})\
           .then(() => 'allowed', (e) => String(e));",
        json!([]),
    );
    assert!(
        refused.as_str().is_some_and(|e| e.contains("not allowed")),
        "{refused}"
    );
    open_alliance(&app, "Demo: Spring client seminar");
    click(&app, "[data-testid=rename-button]");
    type_in(&app, "[data-testid=rename-input]", ALLIANCE);
    click(&app, "[data-testid=rename-save]");
    app.wait_for_text("[data-testid=alliance-title]", ALLIANCE);
    show_exchange(&app);
    let ana_fingerprint = create_identity(&app, ANA, ANA_IDENTITY);
    click(&app, "[data-testid=bind-me][data-party=p1]");
    app.wait_for_text(
        "[data-testid=card-row][data-party=p1] [data-testid=card-bound]",
        "This is you",
    );
    stub_dialogs(&app, &file("ana-card.json"));
    click(&app, "[data-testid=export-card]");
    app.wait_for("[data-testid=card-saved]");
    stub_dialogs(&app, &file("pilot-alliance.json"));
    click(&app, "[data-testid=export-alliance]");
    app.wait_for("[data-testid=alliance-saved]");
    let asked = dialogs_asked(&app);
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert_eq!(asked[0]["kind"], "save");
    assert_eq!(
        asked[0]["options"]["defaultPath"],
        "ana-at-northwind-card.json"
    );
    assert_eq!(
        asked[1]["options"]["defaultPath"],
        "northwind-and-lumen-pilot-alliance.json"
    );
    app.quit();

    // Machine B: the alliance from the file, Ben's identity, Ana's card after checking its
    // fingerprint; Ben answers, seals and sends his envelope before anything from Ana.
    let app = launch(&desktop, &db_b);
    stub_dialogs(&app, &file("pilot-alliance.json"));
    click(&app, "[data-testid=import-alliance]");
    app.wait_for_text("[data-testid=import-alliance-notice]", "was added");
    app.wait_for_text("[data-testid=alliance-title]", ALLIANCE);
    show_exchange(&app);
    let ben_fingerprint = create_identity(&app, BEN, BEN_IDENTITY);
    assert_ne!(ana_fingerprint, ben_fingerprint);
    click(&app, "[data-testid=bind-me][data-party=p2]");
    app.wait_for_text(
        "[data-testid=card-row][data-party=p2] [data-testid=card-bound]",
        "This is you",
    );
    import_card(&app, "p1", &file("ana-card.json"), ANA, &ana_fingerprint);
    let shot = app.screenshot("exchange-fingerprint-confirm");
    println!("screenshot: {}", shot.display());
    confirm_card(&app, "p1", ANA);
    stub_dialogs(&app, &file("ben-card.json"));
    click(&app, "[data-testid=export-card]");
    app.wait_for("[data-testid=card-saved]");
    answer(&app, "p2", BEN_ANSWERS, |row| row.2);
    seal_and_export(&app, BEN_IDENTITY, &file("ben-envelope.json"));
    assert!(
        !app.find_all("[data-testid=export-reveal]")
            .first()
            .map(|b| app.attribute(b, "disabled").is_none())
            .unwrap_or(false),
        "no reveal before Ana's envelope is here"
    );
    app.quit();

    // Machine A: Ben's card (fingerprint checked), Ana answers and seals, records Ben's
    // envelope, and sends her reveal.
    let app = launch(&desktop, &db_a);
    open_alliance(&app, ALLIANCE);
    app.wait_for("[data-testid=identity-panel]");
    import_card(&app, "p2", &file("ben-card.json"), BEN, &ben_fingerprint);
    confirm_card(&app, "p2", BEN);
    answer(&app, "p1", ANA_ANSWERS, |row| row.1);
    seal_and_export(&app, ANA_IDENTITY, &file("ana-envelope.json"));
    import_envelope(&app, "p2", &file("ben-envelope.json"));

    // Recorded once: no second import is offered for Ben's envelope.
    assert!(app
        .find_all("[data-testid=import-envelope][data-party=p2]")
        .is_empty());
    export_reveal(&app, ANA_IDENTITY, &file("ana-reveal.json"));
    app.quit();

    // Machine B: records Ana's envelope, sends his reveal; a tampered copy of Ana's reveal is
    // refused with a clear message and changes nothing; the real one opens the comparison.
    let app = launch(&desktop, &db_b);
    open_alliance(&app, ALLIANCE);
    app.wait_for("[data-testid=identity-panel]");
    import_envelope(&app, "p1", &file("ana-envelope.json"));
    export_reveal(&app, BEN_IDENTITY, &file("ben-reveal.json"));

    let mut tampered: Value =
        serde_json::from_str(&std::fs::read_to_string(file("ana-reveal.json")).unwrap()).unwrap();
    tampered["commitment"] = json!("0".repeat(64));
    std::fs::write(
        file("ana-reveal-tampered.json"),
        serde_json::to_string_pretty(&tampered).unwrap(),
    )
    .unwrap();
    let before = app.text(&app.wait_for("[data-testid=step-open]"));
    import_reveal(&app, BEN_IDENTITY, "p1", &file("ana-reveal-tampered.json"));
    let error = app.wait_for("[data-testid=exchange-error]");
    let message = app.text(&error);
    assert!(message.contains("The file was refused"), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    assert_eq!(
        app.text(&app.wait_for("[data-testid=step-open]")),
        before,
        "the refused reveal opened nothing"
    );
    assert!(app.find_all("[data-testid=exchange-comparison]").is_empty());
    let shot = app.screenshot("exchange-refused-reveal");
    println!("screenshot: {}", shot.display());

    import_reveal(&app, BEN_IDENTITY, "p1", &file("ana-reveal.json"));
    let on_b = verdicts(&app);
    let shot = app.screenshot("exchange-comparison-b");
    println!("screenshot: {}", shot.display());
    app.quit();

    // Machine A: Ben's reveal opens the same comparison.
    let app = launch(&desktop, &db_a);
    open_alliance(&app, ALLIANCE);
    app.wait_for("[data-testid=identity-panel]");
    import_reveal(&app, ANA_IDENTITY, "p2", &file("ben-reveal.json"));
    let on_a = verdicts(&app);
    let shot = app.screenshot("exchange-comparison-a");
    println!("screenshot: {}", shot.display());
    let expected: Vec<(String, String)> = ANSWERS
        .iter()
        .map(|(q, _, _, v)| (q.to_string(), v.to_string()))
        .collect();
    assert_eq!(on_a, expected);
    assert_eq!(on_b, expected);
    // The questionnaire shows the round complete, as after a same-machine seal.
    app.wait_for("[data-testid=next-round]");
    app.quit();
}
