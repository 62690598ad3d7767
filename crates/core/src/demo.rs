//! The demo alliance a new user finds in an empty database, so the app is never blank at first
//! start. Plain data; the store decides when to seed it.

use crate::{AllianceDraft, AllianceKind};

/// A small co-marketing alliance of the sort the seeds describe: two non-competing firms
/// sharing the cost of a seminar, with terms that read the same to both and will not be.
pub fn demo_alliance() -> AllianceDraft {
    AllianceDraft {
        name: "Demo: Spring client seminar".into(),
        kind: AllianceKind::CoMarketing,
        parties: vec!["Northwind Advisory".into(), "Lumen Analytics".into()],
        terms: vec![
            "Venue and speaker costs are shared equally".into(),
            "Each partner invites its own clients".into(),
            "The seminar runs once in spring, with an option to repeat".into(),
            "Leads from the seminar are shared".into(),
        ],
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_is_a_valid_alliance() {
        let content = super::demo_alliance().normalize().unwrap();
        assert_eq!(content.parties.len(), 2);
        assert_eq!(content.terms.len(), 4);
    }
}
