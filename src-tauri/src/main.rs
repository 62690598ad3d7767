//! The `accord-app` executable: everything happens in [`accord_app::run`].

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    std::process::exit(accord_app::run());
}
