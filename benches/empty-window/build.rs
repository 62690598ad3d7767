//! Generates Tauri's context from `tauri.conf.json`, as the app's build script does.

fn main() {
    tauri_build::build();
}
