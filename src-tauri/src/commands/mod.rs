//! The IPC commands, one module per area. Each unpacks the state, calls one function of the
//! core or the store, and returns plain data or an [`IpcError`](crate::IpcError).

pub mod alliances;
pub mod questionnaire;

use serde::Serialize;
use ts_rs::TS;

use crate::{AppState, IpcError};

/// Facts about this installation, shown in the app's footer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfoView {
    pub version: String,
    pub schema_version: u32,
    /// The database file in use, if it could be opened.
    pub database_path: Option<String>,
    /// Why the database could not be opened; the UI shows this instead of the alliance list.
    pub startup_error: Option<IpcError>,
    /// The backup written when this start upgraded the database.
    pub backup: Option<String>,
}

#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> AppInfoView {
    let (database_path, startup_error, backup) = match &state.store {
        Ok(store) => {
            let store = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let show = |p: Option<&std::path::Path>| p.map(|p| p.display().to_string());
            (show(store.path()), None, show(store.backup_path()))
        }
        Err(error) => (None, Some(error.clone()), None),
    };
    AppInfoView {
        version: env!("CARGO_PKG_VERSION").into(),
        schema_version: accord_store::SCHEMA_VERSION,
        database_path,
        startup_error,
        backup,
    }
}

/// Runs `f` on the store, or returns why there is none.
pub(crate) fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut accord_store::Store) -> Result<T, accord_store::StoreError>,
) -> Result<T, IpcError> {
    let store = state.store.as_ref().map_err(Clone::clone)?;
    // A panic while holding the lock cannot leave the store half-written (every change is one
    // transaction), so a poisoned lock is safe to reuse.
    let mut store = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    f(&mut store).map_err(IpcError::from)
}
