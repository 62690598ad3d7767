//! Questions particular to each kind of alliance, added to the general set.
//!
//! Each kind gets one category of its own, the paper terms typical of that kind (ids from `t11`
//! up, after the general set's), and about ten questions including scenarios. The consortium
//! questions assume three or more members, so their splits are keyed by party.

use super::{category, choice, number, q, scale, set_of, term, KindExtra, QuestionExt};
use crate::question::{Period, QuestionKind};

use QuestionKind::{Date, Duration, Frequency, Party, Share, YesNo};

pub(super) fn co_marketing() -> KindExtra {
    KindExtra {
        category: category("event", "Event and campaign"),
        terms: vec![
            term("t11", "Venue and speaker costs are shared"),
            term("t12", "Each partner invites its own clients"),
            term("t13", "Leads from the event are shared"),
        ],
        questions: vec![
            q("event-format", "event", "What form should the first joint activity take?",
                choice(&[("seminar", "an in-person seminar"), ("webinar", "a webinar"), ("stand", "a shared trade-fair stand"),
                    ("campaign", "a joint mailing campaign"), ("workshop", "a hands-on workshop")], &[])),
            q("event-date", "event", "When should the first event take place?", Date),
            q("event-attendees", "event", "How many attendees do you expect?", number("people", None)),
            q("event-invites", "event", "How many of its own clients should each partner invite?", number("people", None)).term("t12"),
            q("event-channels", "event", "Through which channels will the event be promoted?",
                set_of(&[("newsletter", "newsletters"), ("social", "social media"), ("website", "both websites"),
                    ("direct", "personal invitations"), ("press", "press release"), ("paid", "paid advertising")])),
            q("event-venue-payer", "event", "Who pays the venue?", Party).give().term("t11"),
            q("event-speaker-payer", "event", "Who pays the speaker?", Party).give().term("t11"),
            q("event-leads", "event", "Who may follow up the leads the event produces?",
                choice(&[("both-all", "both partners, every lead"), ("own-only", "each partner only its own invitees"),
                    ("by-consent", "anyone who agreed to hear from both")], &[("both-all", "own-only")])).term("t13"),
            q("event-branding", "event", "How visible is each brand on the material?",
                scale("one brand leads", "strictly equal")),
            q("event-repeat", "event", "How often should the event run if it works?", Frequency),
            q("event-low-signups", "event", "Two weeks before the date, sign-ups stand at a third of the target. What do you do?",
                choice(&[("push", "push promotion harder"), ("smaller", "move to a smaller room"), ("postpone", "postpone"),
                    ("cancel", "cancel and split the costs so far")], &[("push", "cancel")])).scenario(),
        ],
    }
}

pub(super) fn reseller() -> KindExtra {
    KindExtra {
        category: category("channel", "Channel and resale"),
        terms: vec![
            term("t11", "The reseller receives a discount on list price"),
            term("t12", "The reseller covers an agreed territory"),
            term("t13", "The vendor supports the reseller"),
        ],
        questions: vec![
            q("channel-discount", "channel", "What discount on list price does the reseller receive?", number("%", None)).term("t11"),
            q("channel-territory", "channel", "Which regions does the reseller cover?",
                set_of(&[("dach", "Germany, Austria, Switzerland"), ("benelux", "Benelux"), ("nordics", "Nordics"),
                    ("uk", "United Kingdom and Ireland"), ("france", "France"), ("south", "Southern Europe")])).term("t12"),
            q("channel-exclusive", "channel", "Is the reseller the only one in its territory?", YesNo).term("t12"),
            q("channel-target", "channel", "How many new customers a year should the reseller win?", number("customers", Some(Period::Year))),
            q("channel-first-support", "channel", "Who gives customers first-line support?", Party).give().term("t13"),
            q("channel-training", "channel", "How many days of training a year does the vendor give the reseller's staff?",
                number("days", Some(Period::Year))).term("t13"),
            q("channel-pricing", "channel", "Who sets the price the end customer pays?",
                choice(&[("vendor", "the vendor"), ("reseller", "the reseller"), ("agreed", "a price list agreed together")], &[("vendor", "reseller")])),
            q("channel-pay-days", "channel", "Within how many days does the reseller pay the vendor's invoices?", Duration),
            q("channel-deal-registration", "channel", "Should the reseller register deals to protect them from other sellers?", YesNo),
            q("channel-forecast", "channel", "How often does the reseller share a sales forecast?", Frequency),
            q("channel-direct-deal", "channel", "The vendor's own sales team wins a customer in the reseller's territory. What is fair?",
                choice(&[("commission", "the reseller still earns its margin"), ("hand-over", "the vendor hands the customer over"),
                    ("nothing", "nothing; direct deals are the vendor's"), ("case-by-case", "decide case by case")],
                    &[("commission", "nothing"), ("hand-over", "nothing")])).scenario().term("t12"),
        ],
    }
}

pub(super) fn development() -> KindExtra {
    KindExtra {
        category: category("product", "Joint development"),
        terms: vec![
            term("t11", "The partners develop the product together"),
            term("t12", "Both partners may use the result"),
            term("t13", "The first version ships on the agreed date"),
        ],
        questions: vec![
            q(
                "dev-result-owner",
                "product",
                "Who owns the product the partners build together?",
                Party,
            )
            .term("t12"),
            q(
                "dev-licence",
                "product",
                "On what terms may each side use the result?",
                choice(
                    &[
                        ("exclusive", "one side exclusively"),
                        ("both-free", "both, free of charge"),
                        ("both-royalty", "both, with royalties to the owner"),
                        ("open", "it is published as open source"),
                    ],
                    &[("exclusive", "open")],
                ),
            )
            .term("t12"),
            q(
                "dev-roadmap",
                "product",
                "Who decides what goes into the next release?",
                choice(
                    &[
                        ("joint", "a joint product board"),
                        ("lead", "the lead developer side"),
                        ("customer", "whoever brings the paying customer"),
                    ],
                    &[],
                ),
            ),
            q(
                "dev-ship-date",
                "product",
                "When should the first version ship?",
                Date,
            )
            .term("t13"),
            q(
                "dev-engineers",
                "product",
                "How many engineers should each side assign?",
                number("people", None),
            )
            .term("t11"),
            q(
                "dev-effort-split",
                "product",
                "How is the development effort split?",
                Share,
            )
            .give()
            .term("t11"),
            q(
                "dev-revenue-split",
                "product",
                "How is income from the product split?",
                Share,
            )
            .get(),
            q(
                "dev-maintenance",
                "product",
                "How long after release does the partnership keep maintaining the product?",
                Duration,
            ),
            q(
                "dev-code-access",
                "product",
                "Does each side see all of the other's code for the product?",
                YesNo,
            )
            .term("t11"),
            q(
                "dev-sync",
                "product",
                "How often should the two engineering teams sync?",
                Frequency,
            ),
            q(
                "dev-slip",
                "product",
                "The release slips a quarter because one side's part is late. What happens?",
                choice(
                    &[
                        ("accept", "we accept the new date"),
                        ("cut-scope", "we cut scope to keep the date"),
                        ("add-people", "the late side adds people"),
                        ("penalty", "the late side pays a penalty"),
                    ],
                    &[("accept", "penalty")],
                ),
            )
            .scenario()
            .term("t13"),
        ],
    }
}

pub(super) fn joint_venture() -> KindExtra {
    KindExtra {
        category: category("venture", "The joint venture"),
        terms: vec![
            term("t11", "The parents own the venture in agreed shares"),
            term("t12", "The parents fund the venture's start"),
            term("t13", "The venture has its own management"),
        ],
        questions: vec![
            q("jv-ownership", "venture", "How should ownership of the venture be split? (Evenly owned ventures fail far less often.)", Share)
                .get().term("t11"),
            q("jv-capital", "venture", "How much starting capital does the venture need?", number("EUR", None)).term("t12"),
            q("jv-capital-split", "venture", "How should the starting capital be split?", Share).give().term("t12"),
            q("jv-board-split", "venture", "How should board seats be split?", Share).term("t11"),
            q("jv-md", "venture", "Which parent appoints the venture's managing director?", Party).term("t13"),
            q("jv-profits", "venture", "What happens to the venture's profits in its first years?",
                choice(&[("reinvest", "all reinvested"), ("distribute", "paid out to the parents"), ("mix", "partly reinvested, partly paid out")],
                    &[("reinvest", "distribute")])),
            q("jv-break-even", "venture", "How long until the venture breaks even?", Duration),
            q("jv-staff", "venture", "Where do the venture's staff come from?",
                choice(&[("seconded", "seconded from the parents"), ("hired", "hired new"), ("mix", "a mix")], &[])),
            q("jv-deadlock", "venture", "How is a deadlock on the board broken?",
                choice(&[("chair", "the chair's casting vote"), ("mediator", "an outside mediator"), ("buy-sell", "one parent buys the other out"),
                    ("dissolve", "the venture is dissolved")], &[("chair", "mediator")])),
            q("jv-sell-stake", "venture", "One parent wants to sell its stake. What should happen?",
                choice(&[("first-refusal", "the other parent may buy first"), ("open", "it may sell to anyone"), ("consent", "only with the other's consent")],
                    &[("open", "consent")])).scenario(),
            q("jv-capital-call", "venture", "In year two the venture needs half as much capital again. What happens?",
                choice(&[("pro-rata", "both parents pay in their ownership shares"), ("dilute", "one may pay and the other is diluted"),
                    ("debt", "the venture borrows"), ("wind-down", "the venture winds down")], &[("pro-rata", "dilute")])).scenario().term("t12"),
        ],
    }
}

pub(super) fn consortium() -> KindExtra {
    KindExtra {
        category: category("governance", "Consortium governance"),
        terms: vec![
            term("t11", "Members share the common budget"),
            term("t12", "The consortium is coordinated by a lead member"),
            term("t13", "Results belong to the members"),
        ],
        questions: vec![
            q(
                "cons-lead",
                "governance",
                "Which member coordinates the consortium?",
                Party,
            )
            .term("t12"),
            q(
                "cons-voting",
                "governance",
                "How do members vote?",
                choice(
                    &[
                        ("one-vote", "one member, one vote"),
                        ("weighted", "weighted by contribution"),
                        ("consensus", "consensus"),
                        ("lead", "the lead member decides"),
                    ],
                    &[("one-vote", "weighted"), ("consensus", "lead")],
                ),
            )
            .term("t12"),
            q(
                "cons-new-members",
                "governance",
                "How are new members admitted?",
                choice(
                    &[
                        ("open", "anyone who meets the criteria"),
                        ("unanimous", "only with every member's consent"),
                        ("majority", "by majority"),
                        ("closed", "no new members"),
                    ],
                    &[("open", "closed")],
                ),
            ),
            q(
                "cons-fee",
                "governance",
                "What yearly fee should each member pay?",
                number("EUR", Some(Period::Year)),
            )
            .term("t11"),
            q(
                "cons-budget-split",
                "governance",
                "How should the common budget be split among members?",
                Share,
            )
            .give()
            .term("t11"),
            q(
                "cons-results-split",
                "governance",
                "How should the benefits of common results be split among members?",
                Share,
            )
            .get()
            .term("t13"),
            q(
                "cons-secretariat",
                "governance",
                "Does the consortium need a paid secretariat?",
                YesNo,
            ),
            q(
                "cons-plenary",
                "governance",
                "How often should all members meet?",
                Frequency,
            ),
            q(
                "cons-publish",
                "governance",
                "What happens to the consortium's results?",
                choice(
                    &[
                        ("publish", "they are published openly"),
                        ("members", "members only"),
                        ("case-by-case", "decided per result"),
                    ],
                    &[("publish", "members")],
                ),
            )
            .term("t13"),
            q(
                "cons-free-rider",
                "governance",
                "One member stops contributing but keeps using the results. What do you do?",
                choice(
                    &[
                        ("warn-exclude", "warn them, then exclude them"),
                        ("reduce-rights", "reduce their rights to results"),
                        ("tolerate", "tolerate it"),
                        ("dissolve", "dissolve the consortium"),
                    ],
                    &[("tolerate", "warn-exclude")],
                ),
            )
            .scenario(),
            q(
                "cons-term",
                "governance",
                "How long should the consortium exist?",
                Duration,
            ),
        ],
    }
}
