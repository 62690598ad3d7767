// Generated from accord_core::ALLIANCE_LIMITS by `cargo test export_bindings`. Do not edit.
import type { AllianceLimits } from "./AllianceLimits";

export const ALLIANCE_LIMITS: AllianceLimits = {
  "name": 120,
  "partyName": 80,
  "minParties": 2,
  "maxParties": 12,
  "maxTerms": 100,
  "term": 500
};
