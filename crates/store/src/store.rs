//! The [`Store`]: opening the database and reading and changing alliances.

use std::path::{Path, PathBuf};

use accord_core::{
    demo::demo_alliance, normalize_name, Alliance, AllianceChange, AllianceContent, AllianceDraft,
    AllianceId, AllianceKind, AllianceRevision, PaperTerm, Party, Timestamp,
};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::migrate::{self, is_not_a_database, Migration, MIGRATIONS};
use crate::{Result, StoreError};

/// Shortest id prefix accepted where an alliance id is typed.
const MIN_ID_PREFIX: usize = 4;
const DEMO_SEEDED_KEY: &str = "demo_seeded";

/// Which alliances a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Active,
    Deleted,
    All,
}

/// An open Accord database.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    backup: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to the current schema,
    /// backing up an existing file first. `now` names the backup.
    pub fn open(path: &Path, now: Timestamp) -> Result<Store> {
        Self::open_with(path, now, MIGRATIONS)
    }

    pub(crate) fn open_with(
        path: &Path,
        now: Timestamp,
        migrations: &[Migration],
    ) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateFolder {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let not_accord = |source: rusqlite::Error| {
            if is_not_a_database(&source) {
                StoreError::NotAnAccordDatabase {
                    path: path.to_path_buf(),
                }
            } else {
                StoreError::Open {
                    path: path.to_path_buf(),
                    source,
                }
            }
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(not_accord)?;
        // Read the version before anything writes to the file, so a newer database is left
        // exactly as it was.
        let found = migrate::user_version(&conn).map_err(not_accord)?;
        if found > migrations.len() as u32 {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: migrations.len() as u32,
            });
        }
        // Durability: a change reported saved must survive a crash of Accord (any journal
        // mode does that) and a power cut. In WAL mode, `synchronous = FULL` syncs the log at
        // every commit (NORMAL would sync only at checkpoints, so the last commits could be
        // lost with the power); `fullfsync` makes that sync reach the disk itself on macOS,
        // where a plain fsync stops at the drive's cache (elsewhere it changes nothing).
        // `tests/crash.rs` in accord-cli kills writers at random moments to check the rest.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(not_accord)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(not_accord)?;
        conn.pragma_update(None, "fullfsync", "ON")
            .map_err(not_accord)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(not_accord)?;
        let backup = migrate::migrate(&mut conn, Some(path), migrations, &now.to_compact())?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            backup,
        })
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate::migrate(&mut conn, None, MIGRATIONS, "")?;
        Ok(Store {
            conn,
            path: None,
            backup: None,
        })
    }

    #[cfg(test)]
    pub(crate) fn conn_for_tests(&self) -> &Connection {
        &self.conn
    }

    /// The file behind this store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The backup written when this open upgraded an existing database.
    pub fn backup_path(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    /// Adds the demo alliance if this database has never had it and holds no alliance.
    /// Runs once per database: a user who deletes the demo does not get it back.
    pub fn seed_demo_once(&mut self, id: AllianceId, now: Timestamp) -> Result<Option<Alliance>> {
        let tx = self.conn.transaction()?;
        let seeded: Option<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [DEMO_SEEDED_KEY],
                |row| row.get(0),
            )
            .optional()?;
        if seeded.is_some() {
            return Ok(None);
        }
        let count: i64 = tx.query_row("SELECT count(*) FROM alliances", [], |row| row.get(0))?;
        let created = if count == 0 {
            let content = demo_alliance().normalize()?;
            insert_alliance(&tx, &id, &content, now)?;
            true
        } else {
            false
        };
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![DEMO_SEEDED_KEY, now.millis().to_string()],
        )?;
        tx.commit()?;
        if created {
            self.alliance(&id).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The alliances as they stand now, by name.
    pub fn list_alliances(&self, listing: Listing) -> Result<Vec<Alliance>> {
        let filter = match listing {
            Listing::Active => "WHERE r.deleted = 0",
            Listing::Deleted => "WHERE r.deleted = 1",
            Listing::All => "",
        };
        let sql = format!(
            "{CURRENT_SELECT} {filter} ORDER BY lower(r.name), r.name, a.id",
            CURRENT_SELECT = CURRENT_SELECT
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], raw_current)?;
        let mut alliances = Vec::new();
        for row in rows {
            alliances.push(row?.decode()?);
        }
        Ok(alliances)
    }

    /// One alliance as it stands now, deleted or not.
    pub fn alliance(&self, id: &AllianceId) -> Result<Alliance> {
        current(&self.conn, id)
    }

    /// Finds the alliance a typed id means: the whole id, or a unique prefix of at least four
    /// characters.
    pub fn resolve_id(&self, typed: &str) -> Result<AllianceId> {
        let typed = typed.trim();
        let exact: Option<String> = self
            .conn
            .query_row("SELECT id FROM alliances WHERE id = ?1", [typed], |row| {
                row.get(0)
            })
            .optional()?;
        if let Some(id) = exact {
            return Ok(AllianceId(id));
        }
        if typed.chars().count() < MIN_ID_PREFIX {
            return Err(StoreError::AllianceNotFound { id: typed.into() });
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM alliances WHERE substr(id, 1, length(?1)) = ?1 LIMIT 2")?;
        let matches = stmt
            .query_map([typed], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match matches.as_slice() {
            [one] => Ok(AllianceId(one.clone())),
            [] => Err(StoreError::AllianceNotFound { id: typed.into() }),
            _ => {
                let count: i64 = self.conn.query_row(
                    "SELECT count(*) FROM alliances WHERE substr(id, 1, length(?1)) = ?1",
                    [typed],
                    |row| row.get(0),
                )?;
                Err(StoreError::AmbiguousId {
                    prefix: typed.into(),
                    matches: usize::try_from(count).unwrap_or(usize::MAX),
                })
            }
        }
    }

    /// Creates an alliance from a draft. The draft is checked first; nothing is written if it
    /// is invalid.
    pub fn create_alliance(
        &mut self,
        id: AllianceId,
        draft: &AllianceDraft,
        now: Timestamp,
    ) -> Result<Alliance> {
        let content = draft.normalize()?;
        let tx = self.conn.transaction()?;
        insert_alliance(&tx, &id, &content, now)?;
        tx.commit()?;
        self.alliance(&id)
    }

    /// Renames an alliance (a new revision). Renaming to the current name changes nothing.
    pub fn rename_alliance(
        &mut self,
        id: &AllianceId,
        new_name: &str,
        now: Timestamp,
    ) -> Result<Alliance> {
        let name = normalize_name(new_name)?;
        let tx = self.conn.transaction()?;
        let mut alliance = current(&tx, id)?;
        if alliance.deleted {
            return Err(StoreError::AllianceDeleted {
                name: alliance.name,
            });
        }
        if alliance.name == name {
            return Ok(alliance);
        }
        let change = AllianceChange::Renamed {
            from: alliance.name.clone(),
            to: name.clone(),
        };
        alliance.name = name;
        append_revision(&tx, &alliance, change, now)?;
        tx.commit()?;
        self.alliance(id)
    }

    /// Marks an alliance deleted (a new revision); its history stays and it can be restored.
    pub fn delete_alliance(&mut self, id: &AllianceId, now: Timestamp) -> Result<Alliance> {
        let tx = self.conn.transaction()?;
        let mut alliance = current(&tx, id)?;
        if alliance.deleted {
            return Err(StoreError::AllianceDeleted {
                name: alliance.name,
            });
        }
        alliance.deleted = true;
        append_revision(&tx, &alliance, AllianceChange::Deleted, now)?;
        tx.commit()?;
        self.alliance(id)
    }

    /// Brings a deleted alliance back (a new revision).
    pub fn restore_alliance(&mut self, id: &AllianceId, now: Timestamp) -> Result<Alliance> {
        let tx = self.conn.transaction()?;
        let mut alliance = current(&tx, id)?;
        if !alliance.deleted {
            return Err(StoreError::AllianceNotDeleted {
                name: alliance.name,
            });
        }
        alliance.deleted = false;
        append_revision(&tx, &alliance, AllianceChange::Restored, now)?;
        tx.commit()?;
        self.alliance(id)
    }

    /// Every revision of an alliance, oldest first.
    pub fn alliance_history(&self, id: &AllianceId) -> Result<Vec<AllianceRevision>> {
        current(&self.conn, id)?;
        let mut stmt = self.conn.prepare(
            "SELECT revision, recorded_at, change, name, deleted FROM alliance_revisions
             WHERE alliance_id = ?1 ORDER BY revision",
        )?;
        let rows = stmt.query_map([&id.0], |row| {
            Ok((
                row.get::<_, u32>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, bool>(4)?,
            ))
        })?;
        let mut history = Vec::new();
        for row in rows {
            let (revision, recorded_at, change, name, deleted) = row?;
            history.push(AllianceRevision {
                revision,
                recorded_at: Timestamp(recorded_at),
                change: decode_json("revision change", &change)?,
                name,
                deleted,
            });
        }
        Ok(history)
    }
}

const CURRENT_SELECT: &str = "SELECT a.id, a.created_at, r.revision, r.recorded_at, r.name, r.kind,
        r.parties, r.terms, r.deleted
    FROM alliances a
    JOIN alliance_revisions r ON r.alliance_id = a.id
     AND r.revision = (SELECT max(revision) FROM alliance_revisions WHERE alliance_id = a.id)";

/// A current-state row before its JSON columns are decoded.
struct RawCurrent {
    id: String,
    created_at: i64,
    revision: u32,
    recorded_at: i64,
    name: String,
    kind: String,
    parties: String,
    terms: String,
    deleted: bool,
}

fn raw_current(row: &Row<'_>) -> rusqlite::Result<RawCurrent> {
    Ok(RawCurrent {
        id: row.get(0)?,
        created_at: row.get(1)?,
        revision: row.get(2)?,
        recorded_at: row.get(3)?,
        name: row.get(4)?,
        kind: row.get(5)?,
        parties: row.get(6)?,
        terms: row.get(7)?,
        deleted: row.get(8)?,
    })
}

impl RawCurrent {
    fn decode(self) -> Result<Alliance> {
        let kind: AllianceKind = self.kind.parse().map_err(|e| StoreError::Corrupt {
            what: "alliance kind",
            detail: format!("{e}"),
        })?;
        let parties: Vec<Party> = decode_json("partners", &self.parties)?;
        let terms: Vec<PaperTerm> = decode_json("paper terms", &self.terms)?;
        Ok(Alliance {
            id: AllianceId(self.id),
            name: self.name,
            kind,
            parties,
            terms,
            revision: self.revision,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.recorded_at),
            deleted: self.deleted,
        })
    }
}

fn decode_json<T: serde::de::DeserializeOwned>(what: &'static str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        what,
        detail: e.to_string(),
    })
}

fn encode_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing plain structs of strings cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

pub(crate) fn current(conn: &Connection, id: &AllianceId) -> Result<Alliance> {
    let sql = format!("{CURRENT_SELECT} WHERE a.id = ?1");
    conn.query_row(&sql, [&id.0], raw_current)
        .optional()?
        .ok_or_else(|| StoreError::AllianceNotFound { id: id.0.clone() })?
        .decode()
}

pub(crate) fn insert_alliance(
    tx: &Transaction<'_>,
    id: &AllianceId,
    content: &AllianceContent,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO alliances (id, created_at) VALUES (?1, ?2)",
        params![id.0, now.millis()],
    )?;
    let alliance = Alliance {
        id: id.clone(),
        name: content.name.clone(),
        kind: content.kind,
        parties: content.parties.clone(),
        terms: content.terms.clone(),
        revision: 0,
        created_at: now,
        updated_at: now,
        deleted: false,
    };
    append_revision(tx, &alliance, AllianceChange::Created, now)
}

/// Appends `alliance` (whose `revision` is the one it replaces) as the next revision.
pub(crate) fn append_revision(
    tx: &Transaction<'_>,
    alliance: &Alliance,
    change: AllianceChange,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO alliance_revisions
            (alliance_id, revision, recorded_at, change, name, kind, parties, terms, deleted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            alliance.id.0,
            alliance.revision + 1,
            now.millis(),
            encode_json(&change),
            alliance.name,
            alliance.kind.slug(),
            encode_json(&alliance.parties),
            encode_json(&alliance.terms),
            alliance.deleted,
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settings a change's durability rests on (see `open_with`), as SQLite reports them.
    #[test]
    fn a_file_is_opened_in_wal_mode_with_full_syncs() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("accord.db"), Timestamp(0)).unwrap();
        let pragma = |name: &str| -> String {
            store
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |row| {
                    row.get::<_, rusqlite::types::Value>(0)
                })
                .map(|value| match value {
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(text) => text,
                    other => format!("{other:?}"),
                })
                .unwrap()
        };
        assert_eq!(pragma("journal_mode"), "wal");
        assert_eq!(pragma("synchronous"), "2", "2 is FULL");
        assert_eq!(pragma("fullfsync"), "1");
        assert_eq!(pragma("foreign_keys"), "1");
    }
}
