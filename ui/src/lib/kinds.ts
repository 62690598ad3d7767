// Human labels for each alliance kind, in the order the create form offers them.
// The Record is exhaustive: a new AllianceKind in Rust breaks the type check until labelled here.
import type { AllianceKind } from "./bindings/AllianceKind";

export const KIND_LABELS: Record<AllianceKind, string> = {
  "co-marketing": "Co-marketing / event",
  reseller: "Reseller / channel",
  development: "Development partnership",
  "joint-venture": "Joint venture",
  consortium: "Consortium",
  other: "Other",
};

/** Kinds in display order, for selects. */
export const KINDS = Object.keys(KIND_LABELS) as AllianceKind[];

export function kindLabel(kind: AllianceKind): string {
  return KIND_LABELS[kind] ?? kind;
}
