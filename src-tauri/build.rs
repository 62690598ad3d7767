//! Build script of the desktop app: generates Tauri's context and the permission set of the
//! app's own commands.

/// Every command the UI may invoke. Each gets an `allow-<name>` permission that
/// `src-tauri/capabilities/main.json` must grant; a command missing here cannot be called.
const COMMANDS: &[&str] = &[
    "app_info",
    "startup_ready",
    "list_alliances",
    "get_alliance",
    "create_alliance",
    "rename_alliance",
    "delete_alliance",
    "restore_alliance",
    "get_question_set",
    "save_question_set",
    "get_round",
    "set_passphrase",
    "unlock_party",
    "lock_party",
    "get_answers",
    "save_answers",
    "seal_answers",
    "get_comparison",
    "open_next_round",
    "get_identity",
    "create_identity",
    "export_card",
    "preview_card",
    "bind_card",
    "bind_me",
    "get_exchange",
    "export_alliance",
    "import_alliance",
    "seal_envelope",
    "export_my_envelope",
    "import_envelope",
    "export_reveal",
    "import_reveal",
    "get_exchange_comparison",
    "get_negotiation",
    "record_step",
    "freeze_agreement",
    "list_agreements",
    "preview_export",
    "export_agreement",
    "sign_agreement",
    "get_revisit",
    "set_review_interval",
    "list_reviews_due",
    "get_check_in",
    "record_check_in",
    "get_drift",
    "get_history",
    "diff_agreements",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        // Capabilities live beside the app crate's sources; without this pattern tauri-build
        // looks in ./capabilities at the root and silently grants nothing.
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
