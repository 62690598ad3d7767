// How each verdict is shown: a word, a text glyph (never colour alone) and a one-line meaning.
// The Record is exhaustive: a new Verdict in Rust breaks the type check until described here.
import type { Verdict } from "../../lib/bindings/Verdict";

export type VerdictLook = { label: string; icon: string; meaning: string };

export const VERDICTS: Record<Verdict, VerdictLook> = {
  conflict: { label: "conflict", icon: "✕", meaning: "the answers exclude each other" },
  divergent: { label: "divergent", icon: "≠", meaning: "the answers differ and need a conversation" },
  compatible: { label: "compatible", icon: "≈", meaning: "different first choices that each side would accept" },
  aligned: { label: "aligned", icon: "✓", meaning: "both sides expect the same" },
  unanswered: { label: "unanswered", icon: "?", meaning: "at least one side did not answer" },
};

/** Most serious first: the order of filters, counts and ties in the list. */
export const VERDICT_ORDER = Object.keys(VERDICTS) as Verdict[];

const RANK: Record<Verdict, number> = Object.fromEntries(VERDICT_ORDER.map((v, i) => [v, i])) as Record<
  Verdict,
  number
>;

export function verdictRank(verdict: Verdict): number {
  return RANK[verdict] ?? VERDICT_ORDER.length;
}

/** A 0-100 severity in words, for screen readers and the legend. */
export function severityBand(severity: number): "high" | "medium" | "low" | "none" {
  if (severity >= 67) return "high";
  if (severity >= 34) return "medium";
  if (severity > 0) return "low";
  return "none";
}

export function formatScore(score: number | null): string {
  return score === null ? "—" : String(Math.round(score));
}

export function formatPercent(value: number | null): string {
  if (value === null) return "—";
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}
