//! Versioned schema migrations on `PRAGMA user_version`.
//!
//! Migrations are SQL files under `crates/store/migrations/`, embedded at compile time and
//! applied in order, each in its own transaction together with the version bump, so a failed
//! migration leaves the file as it was. Before an existing database is upgraded, a full copy is
//! written beside it (`VACUUM INTO`). A database whose version is newer than the newest
//! migration known here is refused untouched. Released migrations are never edited.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{Result, StoreError};

/// One schema step: the version it brings the database to is its position in the list (1-based).
#[derive(Clone)]
pub(crate) struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_init.sql",
        sql: include_str!("../migrations/0001_init.sql"),
    },
    Migration {
        name: "0002_questionnaire.sql",
        sql: include_str!("../migrations/0002_questionnaire.sql"),
    },
    Migration {
        name: "0003_exchange.sql",
        sql: include_str!("../migrations/0003_exchange.sql"),
    },
    Migration {
        name: "0004_negotiation.sql",
        sql: include_str!("../migrations/0004_negotiation.sql"),
    },
    Migration {
        name: "0005_revisit.sql",
        sql: include_str!("../migrations/0005_revisit.sql"),
    },
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Brings `conn` up to the newest of `migrations`. `path` is used for messages and for the
/// backup; `backup_suffix` makes the backup name unique (the caller passes the time).
pub(crate) fn migrate(
    conn: &mut Connection,
    path: Option<&Path>,
    migrations: &[Migration],
    backup_suffix: &str,
) -> Result<Option<PathBuf>> {
    let shown_path = || path.map(Path::to_path_buf).unwrap_or_default();
    let supported = migrations.len() as u32;
    let found = user_version(conn).map_err(|source| open_error(path, source))?;
    if found > supported {
        return Err(StoreError::NewerSchema {
            path: shown_path(),
            found,
            supported,
        });
    }
    if found == 0 {
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |row| row.get(0),
            )
            .map_err(|source| open_error(path, source))?;
        if tables > 0 {
            return Err(StoreError::NotAnAccordDatabase { path: shown_path() });
        }
    }
    if found == supported {
        return Ok(None);
    }

    let mut backup = None;
    if let (Some(path), true) = (path, found > 0) {
        let target = backup_path(path, found, backup_suffix);
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map_err(|source| StoreError::Backup {
                path: path.to_path_buf(),
                backup: target.clone(),
                source,
            })?;
        backup = Some(target);
    }

    for (index, migration) in migrations.iter().enumerate().skip(found as usize) {
        let version = index as u32 + 1;
        let apply = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute_batch(migration.sql)?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()
        };
        apply(conn).map_err(|source| StoreError::Migration {
            name: migration.name,
            source,
        })?;
    }
    Ok(backup)
}

fn backup_path(path: &Path, version: u32, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}-{suffix}.backup"));
    path.with_file_name(name)
}

fn open_error(path: Option<&Path>, source: rusqlite::Error) -> StoreError {
    match path {
        Some(path) if is_not_a_database(&source) => StoreError::NotAnAccordDatabase {
            path: path.to_path_buf(),
        },
        _ => StoreError::Open {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            source,
        },
    }
}

pub(crate) fn is_not_a_database(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::NotADatabase
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use accord_core::{AllianceId, Timestamp};

    /// Every migration of this build, then `extra`: a database one version ahead.
    fn and_then(extra: Migration) -> Vec<Migration> {
        MIGRATIONS.iter().cloned().chain([extra]).collect()
    }

    fn later() -> Vec<Migration> {
        and_then(Migration {
            name: "0099_test_column.sql",
            sql: "ALTER TABLE alliances ADD COLUMN colour TEXT;",
        })
    }

    fn broken() -> Vec<Migration> {
        and_then(Migration {
            name: "0099_broken.sql",
            sql: "CREATE TABLE half (x); THIS IS NOT SQL;",
        })
    }

    #[test]
    fn upgrading_an_existing_file_backs_it_up_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accord.db");
        let mut store = Store::open(&path, Timestamp(0)).unwrap();
        store
            .seed_demo_once(AllianceId("demo".into()), Timestamp(0))
            .unwrap();
        drop(store);

        let store = Store::open_with(&path, Timestamp(86_400_000), &later()).unwrap();
        let backup = store
            .backup_path()
            .expect("a backup was taken")
            .to_path_buf();
        assert_eq!(
            backup.file_name().unwrap().to_string_lossy().into_owned(),
            format!("accord.db.v{SCHEMA_VERSION}-19700102T000000Z.backup")
        );
        assert_eq!(
            user_version(store.conn_for_tests()).unwrap(),
            SCHEMA_VERSION + 1
        );

        // The backup is a complete database at the old version, demo included.
        let old = Connection::open(&backup).unwrap();
        assert_eq!(user_version(&old).unwrap(), SCHEMA_VERSION);
        let count: i64 = old
            .query_row("SELECT count(*) FROM alliances", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1);
    }

    #[test]
    fn a_failed_migration_names_itself_and_leaves_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accord.db");
        drop(Store::open(&path, Timestamp(0)).unwrap());
        let err = Store::open_with(&path, Timestamp(0), &broken())
            .err()
            .unwrap();
        assert!(err.to_string().contains("0099_broken.sql"), "{err}");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'half'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half, 0, "the failed migration was rolled back");
    }

    #[test]
    fn a_new_file_is_not_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("new.db"), Timestamp(0)).unwrap();
        assert_eq!(store.backup_path(), None);
    }
}

#[cfg(test)]
mod upgrade_from_released {
    use super::*;
    use crate::{Listing, Store};
    use accord_core::{AllianceId, Timestamp};

    /// A database written by schema 1 (the first release) opens in this build with its
    /// alliances intact and a backup of the old file beside it.
    #[test]
    fn schema_1_upgrades_to_head() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accord.db");
        let mut old = Store::open_with(&path, Timestamp(0), &MIGRATIONS[..1]).unwrap();
        old.seed_demo_once(AllianceId("demo".into()), Timestamp(0))
            .unwrap();
        drop(old);

        let store = Store::open(&path, Timestamp(1_000)).unwrap();
        assert!(store.backup_path().is_some());
        assert_eq!(
            user_version(store.conn_for_tests()).unwrap(),
            SCHEMA_VERSION
        );
        assert_eq!(store.list_alliances(Listing::All).unwrap().len(), 1);
    }
}
