use super::*;
use crate::demo::demo_sheets;
use crate::sheet::resolve_set;

#[test]
fn demo_suggestions_print() {
    let (a, b) = demo_sheets();
    let set = resolve_set(&a).unwrap();
    let s = suggest(&set, &a, &b);
    println!("{}", crate::report::render_suggestions(&s));
}
