//! Prints the demo comparison as the CLI will: `cargo run -p accord-core --example demo [markdown|json|questions NAME]`.
//! Only for looking at the output while `accord demo` is being wired; the library itself does no I/O.

fn main() {
    let c = accord_core::demo::demo_comparison();
    match std::env::args().nth(1).as_deref() {
        Some("markdown") => print!("{}", accord_core::report::render_markdown(&c)),
        Some("questions") => {
            let name = std::env::args().nth(2).unwrap_or_else(|| "general".into());
            match accord_core::questions::builtin_set(&name) {
                Some(set) => print!("{}", accord_core::report::render_question_set(&set)),
                None => eprintln!("no built-in set {name:?}"),
            }
        }
        Some("json") => println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default()),
        _ => print!("{}", accord_core::report::render_text(&c, false)),
    }
}
