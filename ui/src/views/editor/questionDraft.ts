// The question editor's form model: a draft that holds every answer type's fields, the
// conversion to and from a Question, slugs for new ids and the checks made before a question
// joins the set. Kept apart from the component so the rules are plain functions.
import type { Balance } from "../../lib/bindings/Balance";
import type { Choice } from "../../lib/bindings/Choice";
import type { Period } from "../../lib/bindings/Period";
import type { Question } from "../../lib/bindings/Question";
import type { QuestionKind } from "../../lib/bindings/QuestionKind";

export type KindTag = QuestionKind["type"];

/** Every answer type, in the order the type select offers them. Exhaustive over QuestionKind. */
export const KIND_LABELS: Record<KindTag, string> = {
  text: "Free text",
  number: "Number or range, with a unit",
  share: "Share split (adds up to 100)",
  duration: "Duration",
  frequency: "Frequency",
  date: "Date",
  scale: "Point on a scale",
  choice: "One choice among options",
  set: "Several options",
  party: "Which partner",
  yes_no: "Yes / no / unsure",
};

export const KIND_TAGS = Object.keys(KIND_LABELS) as KindTag[];

export const PERIOD_LABELS: Record<Period, string> = {
  day: "per day",
  week: "per week",
  month: "per month",
  quarter: "per quarter",
  year: "per year",
};

export const PERIODS = Object.keys(PERIOD_LABELS) as Period[];

export const BALANCE_LABELS: Record<Balance, string> = {
  contribution: "Contribution: what a partner puts in",
  benefit: "Benefit: what a partner takes out",
};

export const BALANCES = Object.keys(BALANCE_LABELS) as Balance[];

export type OptionRow = { key: number; id: string | null; label: string };
export type PairRow = { key: number; a: number; b: number };

export type Draft = {
  text: string;
  category: string;
  type: KindTag;
  unit: string;
  per: Period | "";
  min: number | null;
  max: number | null;
  low: string;
  high: string;
  options: OptionRow[];
  pairs: PairRow[];
  term: string;
  balance: Balance | "";
  scenario: boolean;
};

let nextKey = 1;
export const newKey = () => nextKey++;

export function option(label = "", id: string | null = null): OptionRow {
  return { key: newKey(), id, label };
}

export function blankDraft(category: string, type: KindTag = "text"): Draft {
  return {
    text: "",
    category,
    type,
    unit: "",
    per: "",
    min: 1,
    max: 5,
    low: "",
    high: "",
    options: [option(), option()],
    pairs: [],
    term: "",
    balance: "",
    scenario: false,
  };
}

export function draftOf(q: Question): Draft {
  const d = blankDraft(q.category, q.type);
  d.text = q.text;
  d.term = q.term ?? "";
  d.balance = q.balance ?? "";
  d.scenario = q.scenario ?? false;
  switch (q.type) {
    case "number":
      d.unit = q.unit ?? "";
      d.per = q.per ?? "";
      break;
    case "scale":
      d.min = q.min;
      d.max = q.max;
      d.low = q.low;
      d.high = q.high;
      break;
    case "choice":
    case "set": {
      d.options = q.options.map((o) => option(o.label, o.id));
      if (q.type === "choice") {
        const keyOf = new Map(d.options.map((o) => [o.id, o.key]));
        d.pairs = (q.incompatible ?? []).flatMap(([x, y]) => {
          const a = keyOf.get(x);
          const b = keyOf.get(y);
          return a !== undefined && b !== undefined ? [{ key: newKey(), a, b }] : [];
        });
      }
      break;
    }
  }
  return d;
}

/** A lowercase, dash-separated id from some words: "Who pays?" → "who-pays". */
export function slugify(text: string, fallback: string, maxLength = 48): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > maxLength) break;
    slug = next;
  }
  if (slug === "" && words.length > 0) slug = words[0].slice(0, maxLength);
  return slug === "" ? fallback : slug;
}

/** `base`, or `base-2`, `base-3`, ... whichever is not taken yet. */
export function unique(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export type DraftProblems = Partial<Record<"text" | "category" | "scale" | "options", string>>;

export function checkDraft(d: Draft): DraftProblems {
  const problems: DraftProblems = {};
  if (d.text.trim() === "") problems.text = "Write the question.";
  if (d.category === "") problems.category = "Pick a category.";
  if (d.type === "scale") {
    const whole = (n: number | null) => n !== null && Number.isInteger(n) && n >= 0 && n <= 255;
    if (!whole(d.min) || !whole(d.max)) problems.scale = "Both ends of the scale are whole numbers from 0 to 255.";
    else if (d.min! >= d.max!) problems.scale = "The lowest point must be below the highest.";
  }
  if (d.type === "choice" || d.type === "set") {
    const labels = d.options.map((o) => o.label.trim());
    if (labels.some((l) => l === "")) problems.options = "Give every option a label, or remove it.";
    else if (labels.length < 2) problems.options = "Offer at least two options.";
    else {
      const seen = new Set<string>();
      for (const label of labels) {
        const folded = label.toLowerCase();
        if (seen.has(folded)) {
          problems.options = `“${label}” is listed twice.`;
          break;
        }
        seen.add(folded);
      }
    }
  }
  return problems;
}

/** Options with ids: kept ones keep theirs, new ones get a slug of their label. */
function choicesOf(d: Draft): { choices: Choice[]; idOf: Map<number, string> } {
  const taken = new Set(d.options.flatMap((o) => (o.id === null ? [] : [o.id])));
  const idOf = new Map<number, string>();
  const choices = d.options.map((o) => {
    let id = o.id;
    if (id === null) {
      id = unique(slugify(o.label, "option", 32), taken);
      taken.add(id);
    }
    idOf.set(o.key, id);
    return { id, label: o.label.trim() };
  });
  return { choices, idOf };
}

function kindOf(d: Draft): QuestionKind {
  switch (d.type) {
    case "number": {
      const kind: QuestionKind = { type: "number" };
      if (d.unit.trim() !== "") kind.unit = d.unit.trim();
      if (d.per !== "") kind.per = d.per;
      return kind;
    }
    case "scale":
      return { type: "scale", min: d.min ?? 0, max: d.max ?? 0, low: d.low.trim(), high: d.high.trim() };
    case "choice": {
      const { choices, idOf } = choicesOf(d);
      const pairs: [string, string][] = [];
      const seen = new Set<string>();
      for (const p of d.pairs) {
        const x = idOf.get(p.a);
        const y = idOf.get(p.b);
        if (x === undefined || y === undefined || x === y) continue;
        const key = [x, y].sort().join("\u0000");
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([x, y]);
      }
      return pairs.length > 0 ? { type: "choice", options: choices, incompatible: pairs } : { type: "choice", options: choices };
    }
    case "set":
      return { type: "set", options: choicesOf(d).choices };
    default:
      return { type: d.type };
  }
}

/** The question a checked draft describes, with the given id. Optional fields are left out when unset. */
export function questionOf(d: Draft, id: string): Question {
  const question: Question = { id, category: d.category, text: d.text.trim(), ...kindOf(d) };
  if (d.term !== "") question.term = d.term;
  if (d.balance !== "") question.balance = d.balance;
  if (d.scenario) question.scenario = true;
  return question;
}

/** One line on what a question expects, for the list. */
export function describeKind(q: Question): string {
  switch (q.type) {
    case "number": {
      const extra = [q.unit, q.per ? PERIOD_LABELS[q.per] : null].filter(Boolean).join(" ");
      return extra ? `Number (${extra})` : "Number";
    }
    case "scale":
      return `Scale ${q.min}–${q.max}${q.low || q.high ? ` (${q.low || "…"} to ${q.high || "…"})` : ""}`;
    case "choice": {
      const pairs = q.incompatible?.length ?? 0;
      const suffix = pairs > 0 ? ` · ${pairs} incompatible pair${pairs === 1 ? "" : "s"}` : "";
      return `One of: ${q.options.map((o) => o.label).join(", ")}${suffix}`;
    }
    case "set":
      return `Any of: ${q.options.map((o) => o.label).join(", ")}`;
    default:
      return KIND_LABELS[q.type] ?? q.type;
  }
}
