//! Commands over alliances: list, show, create, rename, delete, restore.

use accord_core::{Alliance, AllianceDraft, AllianceId, AllianceRevision};
use accord_store::Listing;
use serde::Serialize;
use ts_rs::TS;

use super::with_store;
use crate::{new_alliance_id, now, AppState, IpcError};

type State<'a> = tauri::State<'a, AppState>;

/// An alliance with its history, for the alliance page.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AllianceDetailView {
    pub alliance: Alliance,
    /// Oldest first.
    pub history: Vec<AllianceRevision>,
}

#[tauri::command]
pub fn list_alliances(state: State<'_>, include_deleted: bool) -> Result<Vec<Alliance>, IpcError> {
    let listing = if include_deleted {
        Listing::All
    } else {
        Listing::Active
    };
    with_store(&state, |store| store.list_alliances(listing))
}

#[tauri::command]
pub fn get_alliance(state: State<'_>, id: AllianceId) -> Result<AllianceDetailView, IpcError> {
    with_store(&state, |store| {
        Ok(AllianceDetailView {
            alliance: store.alliance(&id)?,
            history: store.alliance_history(&id)?,
        })
    })
}

#[tauri::command]
pub fn create_alliance(state: State<'_>, draft: AllianceDraft) -> Result<Alliance, IpcError> {
    with_store(&state, |store| {
        store.create_alliance(new_alliance_id(), &draft, now())
    })
}

#[tauri::command]
pub fn rename_alliance(
    state: State<'_>,
    id: AllianceId,
    name: String,
) -> Result<Alliance, IpcError> {
    with_store(&state, |store| store.rename_alliance(&id, &name, now()))
}

#[tauri::command]
pub fn delete_alliance(state: State<'_>, id: AllianceId) -> Result<Alliance, IpcError> {
    with_store(&state, |store| store.delete_alliance(&id, now()))
}

#[tauri::command]
pub fn restore_alliance(state: State<'_>, id: AllianceId) -> Result<Alliance, IpcError> {
    with_store(&state, |store| store.restore_alliance(&id, now()))
}

#[cfg(test)]
mod tests {
    /// Writes `limits.ts`, the core's limits as a TypeScript constant, beside the ts-rs
    /// bindings. Named `export_bindings_*` so `scripts/check-bindings.sh` regenerates and
    /// compares it like every other binding.
    #[test]
    fn export_bindings_alliance_limits() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "bindings".into());
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        let value = serde_json::to_string_pretty(&accord_core::ALLIANCE_LIMITS).unwrap();
        let text = format!(
            "// Generated from accord_core::ALLIANCE_LIMITS by `cargo test export_bindings`. Do not edit.\n\
             import type {{ AllianceLimits }} from \"./AllianceLimits\";\n\n\
             export const ALLIANCE_LIMITS: AllianceLimits = {value};\n"
        );
        std::fs::write(dir.join("limits.ts"), text).unwrap();
    }
}
