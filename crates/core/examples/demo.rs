//! Prints the demo comparison as the CLI will: `cargo run -p accord-core --example demo [markdown|json]`.
//! Only for looking at the output while `accord demo` is being wired; the library itself does no I/O.

fn main() {
    let c = accord_core::demo::demo_comparison();
    match std::env::args().nth(1).as_deref() {
        Some("markdown") => print!("{}", accord_core::report::render_markdown(&c)),
        Some("json") => println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default()),
        _ => print!("{}", accord_core::report::render_text(&c, false)),
    }
}
