//! An empty Tauri window, the baseline of `scripts/bench-startup.py`. Its page calls
//! `startup_ready` once it has painted, as Accord's UI does once its alliance list shows, and
//! the command prints the same probe line, so both start-ups are timed the same way.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::io::Write;

/// Prints the line `scripts/bench-startup.py` waits for (always: this binary is only a benchmark).
#[tauri::command]
fn startup_ready() {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "accord-startup-probe: ready");
    let _ = out.flush();
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![startup_ready])
        .run(tauri::generate_context!())
        .expect("the empty window runs");
}
