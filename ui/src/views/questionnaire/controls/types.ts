// Props every answer control takes. `value` is the control's own Expectation variant, or null
// while unanswered; `onchange` receives the exact JSON to store (null: leave the question out).
import type { Party } from "../../../lib/bindings/Party";
import type { PartyId } from "../../../lib/bindings/PartyId";
import type { Question } from "../../../lib/bindings/Question";
import type { ValueOf } from "../model";
import type { Expectation } from "../../../lib/bindings/Expectation";

export type ControlProps<T extends Expectation["type"]> = {
  question: Question;
  value: ValueOf<T> | null;
  onchange: (value: ValueOf<T> | null) => void;
  /** Prefix for element ids and radio group names; unique on the page. */
  id: string;
  /** "Your answer" or "Your guess": the visible legend of the group. */
  legend: string;
  /** Show "what else would you accept" (not for guesses). */
  withAccept: boolean;
  parties: Party[];
  me: PartyId;
};

/** A number from an input's text, or null when empty or not a number. */
export function parseNumber(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
