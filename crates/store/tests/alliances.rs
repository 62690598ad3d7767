//! Alliances through the store, on real database files in a temporary folder.

use accord_core::{AllianceChange, AllianceDraft, AllianceId, AllianceKind, Timestamp};
use accord_store::{Listing, Store, StoreError, SCHEMA_VERSION};

const T0: Timestamp = Timestamp(1_795_436_044_000);

fn at(minutes: i64) -> Timestamp {
    Timestamp(T0.millis() + minutes * 60_000)
}

fn id(s: &str) -> AllianceId {
    AllianceId(s.to_string())
}

fn draft(name: &str) -> AllianceDraft {
    AllianceDraft {
        name: name.into(),
        kind: AllianceKind::Reseller,
        parties: vec!["Acme".into(), "Globex".into()],
        terms: vec!["Margin 20%".into(), "Quarterly review".into()],
    }
}

#[test]
fn an_alliance_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/accord.db");
    {
        let mut store = Store::open(&path, T0).unwrap();
        store
            .create_alliance(id("a1b2c3d4"), &draft("Channel deal"), T0)
            .unwrap();
    }
    let store = Store::open(&path, at(1)).unwrap();
    let listed = store.list_alliances(Listing::Active).unwrap();
    assert_eq!(listed.len(), 1);
    let alliance = &listed[0];
    assert_eq!(alliance.name, "Channel deal");
    assert_eq!(alliance.kind, AllianceKind::Reseller);
    let parties: Vec<_> = alliance.parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(parties, ["Acme", "Globex"]);
    let terms: Vec<_> = alliance.terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(terms, ["Margin 20%", "Quarterly review"]);
    assert_eq!(alliance.revision, 1);
    assert_eq!(
        store.backup_path(),
        None,
        "reopening at the same schema backs up nothing"
    );
}

#[test]
fn rename_delete_and_restore_each_append_a_revision() {
    let mut store = Store::open_in_memory().unwrap();
    let a = id("alliance-1");
    store.create_alliance(a.clone(), &draft("Old"), T0).unwrap();
    store.rename_alliance(&a, "  New   name ", at(1)).unwrap();
    let deleted = store.delete_alliance(&a, at(2)).unwrap();
    assert!(deleted.deleted);
    assert!(store.list_alliances(Listing::Active).unwrap().is_empty());
    assert_eq!(store.list_alliances(Listing::Deleted).unwrap().len(), 1);

    let restored = store.restore_alliance(&a, at(3)).unwrap();
    assert!(!restored.deleted);
    assert_eq!(restored.name, "New name");
    assert_eq!(restored.revision, 4);
    assert_eq!(restored.created_at, T0);
    assert_eq!(restored.updated_at, at(3));

    let history = store.alliance_history(&a).unwrap();
    let changes: Vec<_> = history.iter().map(|r| r.change.clone()).collect();
    assert_eq!(
        changes,
        [
            AllianceChange::Created,
            AllianceChange::Renamed {
                from: "Old".into(),
                to: "New name".into()
            },
            AllianceChange::Deleted,
            AllianceChange::Restored,
        ]
    );
    assert_eq!(history[0].name, "Old", "history keeps the old state");
}

#[test]
fn renaming_to_the_same_name_adds_no_revision() {
    let mut store = Store::open_in_memory().unwrap();
    let a = id("alliance-1");
    store
        .create_alliance(a.clone(), &draft("Same"), T0)
        .unwrap();
    let after = store.rename_alliance(&a, "Same", at(1)).unwrap();
    assert_eq!(after.revision, 1);
}

#[test]
fn invalid_changes_write_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut bad = draft("Bad");
    bad.parties = vec!["Only one".into()];
    let err = store.create_alliance(id("x1"), &bad, T0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an alliance needs at least 2 partners, 1 given"
    );
    assert!(store.list_alliances(Listing::All).unwrap().is_empty());

    let a = id("alliance-1");
    store
        .create_alliance(a.clone(), &draft("Good"), T0)
        .unwrap();
    assert!(matches!(
        store.rename_alliance(&a, "   ", at(1)),
        Err(StoreError::Invalid(_))
    ));
    store.delete_alliance(&a, at(2)).unwrap();
    assert!(matches!(
        store.rename_alliance(&a, "Other", at(3)),
        Err(StoreError::AllianceDeleted { .. })
    ));
    assert!(matches!(
        store.delete_alliance(&a, at(3)),
        Err(StoreError::AllianceDeleted { .. })
    ));
    assert_eq!(store.alliance(&a).unwrap().revision, 2);
    assert!(matches!(
        store.rename_alliance(&id("missing"), "X", at(4)),
        Err(StoreError::AllianceNotFound { .. })
    ));
}

#[test]
fn ids_resolve_from_a_unique_prefix() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .create_alliance(id("3f2a9c00-1111"), &draft("One"), T0)
        .unwrap();
    store
        .create_alliance(id("3f2b0000-2222"), &draft("Two"), T0)
        .unwrap();
    assert_eq!(store.resolve_id("3f2a").unwrap(), id("3f2a9c00-1111"));
    assert_eq!(
        store.resolve_id("3f2b0000-2222").unwrap(),
        id("3f2b0000-2222")
    );
    assert!(matches!(
        store.resolve_id("3f2"),
        Err(StoreError::AllianceNotFound { .. })
    ));
    assert_eq!(store.resolve_id("3f2a9").unwrap(), id("3f2a9c00-1111"));
    assert!(matches!(
        store.resolve_id("zzzz"),
        Err(StoreError::AllianceNotFound { .. })
    ));
    store
        .create_alliance(id("3f2a9c00-3333"), &draft("Three"), T0)
        .unwrap();
    assert!(matches!(
        store.resolve_id("3f2a9c"),
        Err(StoreError::AmbiguousId { matches: 2, .. })
    ));
}

#[test]
fn the_demo_is_seeded_once_and_only_into_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accord.db");
    let mut store = Store::open(&path, T0).unwrap();
    let demo = store.seed_demo_once(id("demo-1"), T0).unwrap();
    assert!(demo.is_some());
    assert_eq!(store.seed_demo_once(id("demo-2"), at(1)).unwrap(), None);

    // Deleting the demo does not bring it back on the next start.
    store.delete_alliance(&id("demo-1"), at(2)).unwrap();
    drop(store);
    let mut store = Store::open(&path, at(3)).unwrap();
    assert_eq!(store.seed_demo_once(id("demo-3"), at(3)).unwrap(), None);
    assert_eq!(store.list_alliances(Listing::All).unwrap().len(), 1);

    // A database that already holds the user's alliances gets no demo.
    let mut other = Store::open_in_memory().unwrap();
    other
        .create_alliance(id("mine"), &draft("Mine"), T0)
        .unwrap();
    assert_eq!(other.seed_demo_once(id("demo"), T0).unwrap(), None);
    assert_eq!(other.list_alliances(Listing::All).unwrap().len(), 1);
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, T0)
        .err()
        .expect("a newer schema is refused");
    let message = err.to_string();
    assert!(message.contains("newer Accord"), "{message}");
    assert!(message.contains("schema 99"), "{message}");
    assert!(
        message.contains(&format!("up to {SCHEMA_VERSION}")),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn files_that_are_not_accord_databases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "these are my notes, not a database, and they are long enough",
    )
    .unwrap();
    let err = Store::open(&text, T0).err().unwrap();
    assert!(
        matches!(err, StoreError::NotAnAccordDatabase { .. }),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "these are my notes, not a database, and they are long enough"
    );

    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (n)")
        .unwrap();
    let err = Store::open(&other, T0).err().unwrap();
    assert!(
        matches!(err, StoreError::NotAnAccordDatabase { .. }),
        "{err}"
    );
}

#[test]
fn revisions_cannot_be_rewritten_even_with_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accord.db");
    let mut store = Store::open(&path, T0).unwrap();
    store.create_alliance(id("a"), &draft("Kept"), T0).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let update = conn.execute("UPDATE alliance_revisions SET name = 'Changed'", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM alliance_revisions", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}
