// Formatting helpers shared by views: dates from Timestamp (unix ms) and history change text.
import type { AllianceChange } from "./bindings/AllianceChange";
import type { Timestamp } from "./bindings/Timestamp";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A human date and time in the user's locale, e.g. "3 Mar 2025, 14:05". */
export function formatTimestamp(ms: Timestamp): string {
  return dateTime.format(new Date(ms));
}

/** Machine-readable form for <time datetime>. */
export function isoTimestamp(ms: Timestamp): string {
  return new Date(ms).toISOString();
}

/** One line describing what a revision changed. */
export function describeChange(change: AllianceChange): string {
  switch (change.type) {
    case "created":
      return "Created";
    case "renamed":
      return `Renamed from "${change.from}" to "${change.to}"`;
    case "deleted":
      return "Deleted";
    case "restored":
      return "Restored";
    default: {
      const unreachable: never = change;
      return String(unreachable);
    }
  }
}
