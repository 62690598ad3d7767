//! The IPC commands, one module per area. Each unpacks the state, calls one function of the
//! core or the store, and returns plain data or an [`IpcError`](crate::IpcError).

pub mod alliances;
pub mod exchange;
pub mod negotiation;
pub mod questionnaire;
pub mod revisit;

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

/// What `startup_ready` prints when the start-up probe is on.
pub const STARTUP_PROBE_LINE: &str = "accord-startup-probe: ready";

/// The start-up probe, off unless the app was started with `ACCORD_STARTUP_PROBE=1`: the UI
/// calls this once, when the alliance list first shows and takes input, and with the probe on
/// it prints [`STARTUP_PROBE_LINE`] on stdout for the caller to timestamp
/// (`scripts/bench-startup.py`, `tests/deb/run.sh`). Otherwise it does nothing.
#[tauri::command]
pub fn startup_ready() {
    if std::env::var_os("ACCORD_STARTUP_PROBE").is_some_and(|v| v == "1") {
        use std::io::Write;
        // A closed or broken stdout must not fail the command: the probe is best effort.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{STARTUP_PROBE_LINE}");
        let _ = out.flush();
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

#[cfg(test)]
mod tests {
    /// The command list lives in four places that must agree: `build.rs` (the permissions),
    /// the capability (what the window is granted), `lib.rs` (the handlers) and `api.ts` (the
    /// UI's wrappers). A command missing from one fails at run time only, so check here.
    #[test]
    fn every_command_is_declared_granted_registered_and_wrapped() {
        let build = include_str!("../../build.rs");
        let declared: Vec<String> = build
            .split_once("const COMMANDS")
            .and_then(|(_, rest)| rest.split_once("];"))
            .map(|(list, _)| list)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.trim().strip_prefix('"'))
            .filter_map(|line| line.split_once('"').map(|(name, _)| name.to_string()))
            .collect();
        assert!(declared.len() > 20, "build.rs lists the commands");

        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
        let granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();

        let lib = include_str!("../lib.rs");
        let api = include_str!("../../../ui/src/lib/api.ts");
        for command in &declared {
            assert!(
                granted.contains(command),
                "{command} is not granted in main.json"
            );
            assert!(
                lib.contains(&format!("::{command},")),
                "{command} has no handler in lib.rs"
            );
            assert!(
                api.contains(&format!("\"{command}\"")),
                "{command} has no wrapper in api.ts"
            );
        }
        for command in &granted {
            assert!(
                declared.contains(command),
                "{command} is granted but not declared"
            );
        }
    }
}
