// Pure helpers of the private questionnaire: the per-question draft the controls edit, and the
// exact answer JSON (docs/answer-sheet-format.md) built from it. Unanswered questions are absent.
import type { Answer } from "../../lib/bindings/Answer";
import type { AnswerSheet } from "../../lib/bindings/AnswerSheet";
import type { CarriedFromView } from "../../lib/bindings/CarriedFromView";
import type { Expectation } from "../../lib/bindings/Expectation";
import type { Flexibility } from "../../lib/bindings/Flexibility";
import type { FrequencyValue } from "../../lib/bindings/FrequencyValue";
import type { Importance } from "../../lib/bindings/Importance";
import type { Party } from "../../lib/bindings/Party";
import type { PartyId } from "../../lib/bindings/PartyId";
import type { Question } from "../../lib/bindings/Question";
import type { QuestionSet } from "../../lib/bindings/QuestionSet";

/** What one control edits: a typed value, or null while the question is unanswered. */
export type Draft = {
  value: Expectation | null;
  importance: Importance;
  flexibility: Flexibility;
  note: string;
  guess: Expectation | null;
};

export type ValueOf<T extends Expectation["type"]> = Extract<Expectation, { type: T }>;

export const DEFAULT_IMPORTANCE: Importance = 3;
export const DEFAULT_FLEXIBILITY: Flexibility = "flexible";

export function blankDraft(): Draft {
  return { value: null, importance: DEFAULT_IMPORTANCE, flexibility: DEFAULT_FLEXIBILITY, note: "", guess: null };
}

export function draftFromAnswer(answer: Answer): Draft {
  return {
    value: answer.value,
    importance: answer.importance ?? DEFAULT_IMPORTANCE,
    flexibility: answer.flexibility ?? DEFAULT_FLEXIBILITY,
    note: answer.note ?? "",
    guess: answer.guess ?? null,
  };
}

/** One draft per question of the set, filled from the sheet's answers. */
export function draftsFromSheet(set: QuestionSet, sheet: AnswerSheet): Record<string, Draft> {
  const drafts: Record<string, Draft> = {};
  for (const question of set.questions) drafts[question.id] = blankDraft();
  for (const answer of sheet.answers) {
    if (answer.question in drafts) drafts[answer.question] = draftFromAnswer(answer);
  }
  return drafts;
}

/** The answer to write for a draft, or null when the question is unanswered. */
export function answerFromDraft(question: Question, draft: Draft): Answer | null {
  if (!draft.value) return null;
  const answer: Answer = {
    question: question.id,
    value: draft.value,
    importance: draft.importance,
    flexibility: draft.flexibility,
  };
  if (draft.note.trim() !== "") answer.note = draft.note;
  if (draft.guess) answer.guess = draft.guess;
  return answer;
}

/** Answers in the set's order; answers the sheet had for questions no longer asked are dropped. */
export function answersFromDrafts(set: QuestionSet, drafts: Record<string, Draft>): Answer[] {
  const answers: Answer[] = [];
  for (const question of set.questions) {
    const draft = drafts[question.id];
    const answer = draft ? answerFromDraft(question, draft) : null;
    if (answer) answers.push(answer);
  }
  return answers;
}

export function sheetWithAnswers(sheet: AnswerSheet, answers: Answer[]): AnswerSheet {
  return { ...sheet, answers };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The notice above a new round's questionnaire: where its starting answers came from, how many
 *  were carried over and how many questions start blank. */
export function carriedNotice(carried: CarriedFromView, round: number, formatDate: (ms: number) => string): string {
  const source =
    carried.source.kind === "sealed_answers"
      ? `your sealed answers of round ${carried.source.round}`
      : `your check-in of ${formatDate(carried.source.recorded_at)}`;
  const kept =
    carried.carried === 0 ? "none of them could be carried over" : `${plural(carried.carried, "answer", "answers")} carried over`;
  let blank = "";
  if (carried.blank > 0) {
    const changed = carried.changed > 0 ? ` (${carried.changed} of them changed since)` : "";
    blank = `; ${plural(carried.blank, "question starts", "questions start")} blank${changed}`;
  }
  return `Round ${round} starts from ${source}: ${kept}${blank}. Check each answer before you seal.`;
}

/** A finite number from a bound input (which gives null or undefined when empty). */
export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** `{min?, max?}` with only the bounds given, or null when neither is. */
export function bounds(min: number | null, max: number | null): { min?: number; max?: number } | null {
  if (min === null && max === null) return null;
  const out: { min?: number; max?: number } = {};
  if (min !== null) out.min = min;
  if (max !== null) out.max = max;
  return out;
}

// Frequencies offered by the picker, each with the exact FrequencyValue it writes.
export type FrequencyPreset = { id: string; label: string; value: FrequencyValue };

export const FREQUENCY_PRESETS: FrequencyPreset[] = [
  { id: "weekly", label: "Weekly", value: { times: 1, per: "week" } },
  { id: "biweekly", label: "Every two weeks", value: { times: 0.5, per: "week" } },
  { id: "monthly", label: "Monthly", value: { times: 1, per: "month" } },
  { id: "quarterly", label: "Quarterly", value: { times: 1, per: "quarter" } },
  { id: "twice-a-year", label: "Twice a year", value: { times: 2, per: "year" } },
  { id: "yearly", label: "Yearly", value: { times: 1, per: "year" } },
  { id: "ad-hoc", label: "Ad hoc, when a need arises", value: { ad_hoc: true } },
];

/** The preset a stored frequency matches, or null (a value written elsewhere, e.g. the CLI). */
export function frequencyPreset(value: FrequencyValue | null): FrequencyPreset | null {
  if (!value) return null;
  if (value.ad_hoc) return FREQUENCY_PRESETS.find((p) => p.value.ad_hoc) ?? null;
  const times = value.times ?? 1;
  return (
    FREQUENCY_PRESETS.find((p) => !p.value.ad_hoc && p.value.per === value.per && (p.value.times ?? 1) === times) ??
    null
  );
}

export function describeFrequency(value: FrequencyValue): string {
  if (value.ad_hoc) return "ad hoc";
  return `${value.times ?? 1} per ${value.per ?? "?"}`;
}

export type Pick = { id: string; label: string };

/**
 * The party answers, phrased from the author's point of view. With two parties: me, my partner,
 * both; with more: me, each other party by id, all of us. Then neither and a third party.
 */
export function partyPicks(parties: Party[], me: PartyId): Pick[] {
  const self = parties.find((p) => p.id === me);
  const others = parties.filter((p) => p.id !== me);
  const picks: Pick[] = [{ id: "me", label: `Me (${self?.name ?? me})` }];
  if (others.length === 1) {
    picks.push({ id: "partner", label: `My partner (${others[0].name})` });
    picks.push({ id: "both", label: "Both" });
    picks.push({ id: "neither", label: "Neither" });
  } else {
    for (const other of others) picks.push({ id: other.id, label: other.name });
    picks.push({ id: "both", label: "All of us" });
    picks.push({ id: "neither", label: "None of us" });
  }
  picks.push({ id: "third_party", label: "A third party" });
  return picks;
}

export const YES_NO_PICKS: Pick[] = [
  { id: "yes", label: "Yes" },
  { id: "no", label: "No" },
  { id: "unsure", label: "Unsure" },
];

export const IMPORTANCE_LABELS: Record<number, string> = {
  1: "Barely",
  2: "A little",
  3: "Matters",
  4: "A lot",
  5: "Deal-breaker",
};

export const FLEXIBILITY_PICKS: { id: Flexibility; label: string }[] = [
  { id: "firm", label: "Firm" },
  { id: "flexible", label: "Flexible" },
  { id: "dont_care", label: "Don't care" },
];

export const PERIOD_LABELS: Record<string, string> = {
  day: "per day",
  week: "per week",
  month: "per month",
  quarter: "per quarter",
  year: "per year",
};

/** Questions grouped under the set's categories, in the set's order; unknown categories last. */
export function groupByCategory(set: QuestionSet): { id: string; title: string; questions: Question[] }[] {
  const groups = set.categories.map((c) => ({ id: c.id, title: c.title, questions: [] as Question[] }));
  const other = { id: "__other", title: "Other questions", questions: [] as Question[] };
  for (const question of set.questions) {
    const group = groups.find((g) => g.id === question.category) ?? other;
    group.questions.push(question);
  }
  return [...groups, other].filter((g) => g.questions.length > 0);
}
