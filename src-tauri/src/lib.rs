//! The desktop shell: starts the store, registers the IPC commands and opens the window.
//!
//! This crate is deliberately thin. Commands (in [`commands`]) parse their arguments, call one
//! function of `accord-store` or `accord-core`, and map errors to an [`error::IpcError`] the UI
//! can act on. No business rule lives here; the only things this crate decides are where the
//! database is (from `--db PATH` or `ACCORD_DB`) and the clock and ids it hands to the core.

pub mod commands;
pub mod error;
mod launch;
mod security;

use std::sync::Mutex;

use accord_core::{AllianceId, Timestamp};
use accord_store::Store;

pub use error::{ErrorCode, IpcError};
pub use launch::{parse_launch_args, Launch, LaunchArgs};

/// What every command reaches through `tauri::State`.
pub struct AppState {
    /// The open store, or why it could not be opened (shown by the UI instead of the list).
    pub store: Result<Mutex<Store>, IpcError>,
    /// Partner keys unlocked in this session (memory only).
    pub keys: commands::questionnaire::UnlockedKeys,
}

/// Reads the clock; the one place the app does so, once per command.
pub fn now() -> Timestamp {
    Timestamp::from_system_time(std::time::SystemTime::now())
}

/// Mints a fresh alliance id.
pub fn new_alliance_id() -> AllianceId {
    AllianceId(uuid::Uuid::new_v4().to_string())
}

/// Opens the store at the configured path and seeds the demo alliance on first start.
fn open_store(args: &LaunchArgs) -> Result<Store, IpcError> {
    let path = accord_store::default_db_path(args.db.clone()).map_err(IpcError::from)?;
    let mut store = Store::open(&path, now()).map_err(IpcError::from)?;
    store
        .seed_demo_once(new_alliance_id(), now())
        .map_err(IpcError::from)?;
    Ok(store)
}

/// Runs the app and returns the process exit code.
pub fn run() -> i32 {
    let args = match parse_launch_args(std::env::args_os().skip(1)) {
        Ok(Launch::Run(args)) => args,
        Ok(Launch::Print(text)) => {
            println!("{text}");
            return 0;
        }
        Err(message) => {
            eprintln!("accord-app: {message}");
            return 2;
        }
    };
    if let Err(message) = launch::check_display() {
        eprintln!("accord-app: {message}");
        return 1;
    }

    let store = open_store(&args);
    if let Err(error) = &store {
        eprintln!("accord-app: {}", error.message);
    }
    let state = AppState {
        store: store.map(Mutex::new),
        keys: Default::default(),
    };

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the running window forward instead of opening another
            // connection to the same database.
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::new().build())
        // Native open and save dialogs; the files chosen are read and written by our own
        // commands (commands::exchange), never by the web view.
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::startup_ready,
            commands::alliances::list_alliances,
            commands::alliances::get_alliance,
            commands::alliances::create_alliance,
            commands::alliances::rename_alliance,
            commands::alliances::delete_alliance,
            commands::alliances::restore_alliance,
            commands::questionnaire::get_question_set,
            commands::questionnaire::save_question_set,
            commands::questionnaire::get_round,
            commands::questionnaire::set_passphrase,
            commands::questionnaire::unlock_party,
            commands::questionnaire::lock_party,
            commands::questionnaire::get_answers,
            commands::questionnaire::save_answers,
            commands::questionnaire::seal_answers,
            commands::questionnaire::get_comparison,
            commands::questionnaire::open_next_round,
            commands::exchange::get_identity,
            commands::exchange::create_identity,
            commands::exchange::export_card,
            commands::exchange::preview_card,
            commands::exchange::bind_card,
            commands::exchange::bind_me,
            commands::exchange::get_exchange,
            commands::exchange::export_alliance,
            commands::exchange::import_alliance,
            commands::exchange::seal_envelope,
            commands::exchange::export_my_envelope,
            commands::exchange::import_envelope,
            commands::exchange::export_reveal,
            commands::exchange::import_reveal,
            commands::exchange::get_exchange_comparison,
            commands::negotiation::get_negotiation,
            commands::negotiation::record_step,
            commands::negotiation::freeze_agreement,
            commands::negotiation::list_agreements,
            commands::negotiation::preview_export,
            commands::negotiation::export_agreement,
            commands::negotiation::sign_agreement,
            commands::revisit::get_revisit,
            commands::revisit::set_review_interval,
            commands::revisit::list_reviews_due,
            commands::revisit::get_check_in,
            commands::revisit::record_check_in,
            commands::revisit::get_drift,
            commands::revisit::get_history,
            commands::revisit::diff_agreements,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("accord-app: {error}");
            1
        }
    }
}
