//! One partner's answer to one question: the typed value they expect, how much it matters to
//! them, how far they would move, and what they think the partner will say.
//!
//! [`Expectation`] has one variant per question kind, and each variant carries its own
//! acceptable zone (a range for numbers, durations and dates; ranked options for choices,
//! parties and yes/no; a minimum share for splits), so a zone can never be of the wrong type.
//! Values are written from the author's point of view ("me" is the author's own side).
//! Checking an answer against its question lives in [`crate::sheet`]; comparing two answers
//! lives in [`crate::diff`].

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::question::{Period, QuestionId};
use crate::PartyId;

/// How much a question matters to the author, from 1 (barely) to 5 (deal-breaker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS, JsonSchema)]
#[ts(export, type = "number")]
#[schemars(with = "ImportanceSchema")]
pub struct Importance(u8);

/// Stand-in that gives the schema its 1..=5 bounds.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct ImportanceSchema(#[schemars(range(min = 1, max = 5))] u8);

impl Importance {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Result<Self, String> {
        if (Self::MIN..=Self::MAX).contains(&value) {
            Ok(Importance(value))
        } else {
            Err(format!(
                "importance must be between {} and {}, found {value}",
                Self::MIN,
                Self::MAX
            ))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for Importance {
    fn default() -> Self {
        Importance(3)
    }
}

impl TryFrom<u8> for Importance {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Importance::new(value)
    }
}

impl Serialize for Importance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Importance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(d)?;
        Importance::new(n).map_err(serde::de::Error::custom)
    }
}

/// How far the author would move from their first choice.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Flexibility {
    /// Only the first choice (and any zone stated) will do.
    Firm,
    /// Open to talk; the stated zone says how far.
    #[default]
    Flexible,
    /// Anything the partner prefers is fine.
    DontCare,
}

impl Flexibility {
    pub fn label(self) -> &'static str {
        match self {
            Flexibility::Firm => "firm",
            Flexibility::Flexible => "flexible",
            Flexibility::DontCare => "don't care",
        }
    }
}

/// A party as seen by the author of an answer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, TS, JsonSchema)]
#[ts(export, type = "string")]
#[schemars(with = "String")]
pub enum PartyPick {
    /// The author's own side.
    Me,
    /// The other side; with three or more parties, all the others together.
    Partner,
    /// Every party of the alliance together.
    Both,
    /// Nobody.
    Neither,
    /// Someone outside the alliance.
    ThirdParty,
    /// One named party of the alliance, by id (`p3`).
    Party(PartyId),
}

impl TryFrom<String> for PartyPick {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Ok(match s.as_str() {
            "me" => PartyPick::Me,
            "partner" => PartyPick::Partner,
            "both" | "all" => PartyPick::Both,
            "neither" | "nobody" => PartyPick::Neither,
            "third_party" => PartyPick::ThirdParty,
            "" => return Err("a party answer is empty".into()),
            _ => PartyPick::Party(PartyId(s)),
        })
    }
}

impl PartyPick {
    /// The word written in a sheet.
    pub fn as_str(&self) -> &str {
        match self {
            PartyPick::Me => "me",
            PartyPick::Partner => "partner",
            PartyPick::Both => "both",
            PartyPick::Neither => "neither",
            PartyPick::ThirdParty => "third_party",
            PartyPick::Party(id) => &id.0,
        }
    }
}

impl Serialize for PartyPick {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PartyPick {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartyPick::try_from(s).map_err(serde::de::Error::custom)
    }
}

/// Yes, no, or not sure yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum YesNo {
    Yes,
    No,
    Unsure,
}

impl fmt::Display for YesNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            YesNo::Yes => "yes",
            YesNo::No => "no",
            YesNo::Unsure => "unsure",
        })
    }
}

/// Units a duration can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DurationUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl DurationUnit {
    /// Length in days; a month is a twelfth of a 365.25-day year, so 12 months equal 1 year.
    pub fn days(self) -> f64 {
        match self {
            DurationUnit::Days => 1.0,
            DurationUnit::Weeks => 7.0,
            DurationUnit::Months => 365.25 / 12.0,
            DurationUnit::Years => 365.25,
        }
    }

    pub fn noun(self, plural: bool) -> &'static str {
        match (self, plural) {
            (DurationUnit::Days, false) => "day",
            (DurationUnit::Days, true) => "days",
            (DurationUnit::Weeks, false) => "week",
            (DurationUnit::Weeks, true) => "weeks",
            (DurationUnit::Months, false) => "month",
            (DurationUnit::Months, true) => "months",
            (DurationUnit::Years, false) => "year",
            (DurationUnit::Years, true) => "years",
        }
    }
}

/// Lowest and highest acceptable value, each optional, in the answer's own unit.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Bounds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// A number, or a range `min..max`, with a unit and an optional period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct NumberValue {
    /// A single value; give either this or `min` and `max`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// "hours", "people", or a currency code ("EUR"). Defaults to the question's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// "per week", "per year"; absent for a one-off total. Defaults to the question's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<Bounds>,
}

/// Percentages per party, keyed `me`, `partner` (the others together) or a party id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct ShareValue {
    pub split: BTreeMap<String, f64>,
    /// The smallest share of its own the author would still accept (for benefits: revenue,
    /// ownership). Absent: no lower limit when `accept_max` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_min: Option<f64>,
    /// The largest share of its own the author would still accept (for contributions: costs,
    /// effort). Absent: no upper limit when `accept_min` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_max: Option<f64>,
}

/// What else a duration answer would accept.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct DurationZone {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Whether an open-ended arrangement would also do.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open_ended: bool,
}

/// A length of time (`value` in `unit`), or open-ended.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct DurationValue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<DurationUnit>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open_ended: bool,
    /// Bounds in the same unit as `value` (months if the answer is open-ended without a unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<DurationZone>,
}

/// `times` per `per` (once a month: `times: 1, per: "month"`), or ad hoc.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct FrequencyValue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Period>,
    /// Only when a need arises, no fixed rhythm.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ad_hoc: bool,
}

/// What else a date answer would accept, as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct DateZone {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<String>,
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct DateValue {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<DateZone>,
}

/// A point on the question's scale.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct ScaleValue {
    pub value: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<Bounds>,
}

/// One option by id, and the other options the author would accept, best first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct ChoiceValue {
    pub value: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
}

/// Several options by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct SetValue {
    pub values: Vec<String>,
}

/// A party seen from the author's side, and the other answers they would accept, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct PartyValue {
    pub value: PartyPick,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<PartyPick>,
}

/// Yes, no or unsure, and the other answers the author would accept, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct YesNoValue {
    pub value: YesNo,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<YesNo>,
}

/// Free text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct TextValue {
    pub value: String,
}

/// What the author expects, typed by the question's kind (the `type` tag must match it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum Expectation {
    Number(NumberValue),
    Share(ShareValue),
    Duration(DurationValue),
    Frequency(FrequencyValue),
    Date(DateValue),
    Scale(ScaleValue),
    Choice(ChoiceValue),
    Set(SetValue),
    Party(PartyValue),
    YesNo(YesNoValue),
    Text(TextValue),
}

impl Expectation {
    /// The `type` tag, equal to [`crate::QuestionKind::tag`] of the question it answers.
    pub fn tag(&self) -> &'static str {
        match self {
            Expectation::Number(_) => "number",
            Expectation::Share(_) => "share",
            Expectation::Duration(_) => "duration",
            Expectation::Frequency(_) => "frequency",
            Expectation::Date(_) => "date",
            Expectation::Scale(_) => "scale",
            Expectation::Choice(_) => "choice",
            Expectation::Set(_) => "set",
            Expectation::Party(_) => "party",
            Expectation::YesNo(_) => "yes_no",
            Expectation::Text(_) => "text",
        }
    }
}

/// One partner's answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Answer {
    pub question: QuestionId,
    pub value: Expectation,
    /// 1 to 5; 3 when absent.
    #[serde(default)]
    pub importance: Importance,
    /// `flexible` when absent.
    #[serde(default)]
    pub flexibility: Flexibility,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the author thinks the partner will answer, written from the author's own side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guess: Option<Expectation>,
}
