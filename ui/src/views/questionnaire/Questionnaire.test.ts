// Tests for the private questionnaire: every answer control writes the exact answer JSON the
// backend accepts (docs/answer-sheet-format.md), autosave is debounced and survives a failure,
// resuming loads the saved sheet, sealing needs a confirm step, locking hands over, and a new
// round's sheet carried from earlier answers says so and is saved only when the partner acts.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Answer } from "../../lib/bindings/Answer";
import type { CarriedFromView } from "../../lib/bindings/CarriedFromView";
import type { RoundView } from "../../lib/bindings/RoundView";
import { FakeBackend, makeAlliance, sampleQuestionSet } from "../../test/fakeBackend";
import Questionnaire from "./Questionnaire.svelte";

const PARTIES = [
  { id: "p1", name: "Acme" },
  { id: "p2", name: "Globex" },
];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

/** Lets pending IPC promises and timers shorter than `ms` run. */
async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

function backendWith(party = "p1", answers: Answer[] = []) {
  const backend = new FakeBackend([makeAlliance({ id: "a1", name: "Nordic launch" })]).install();
  backend.useQuestionSet("a1", sampleQuestionSet());
  backend.setPartner("a1", "p1", { passphrase: "acme-secret" });
  backend.setPartner("a1", "p2", { passphrase: "globex-secret" });
  backend.questionnaire("a1").unlocked = party;
  if (answers.length > 0) {
    backend.setPartner("a1", party, {
      sheets: [
        {
          format: "accord.answer-sheet",
          version: 1,
          question_set: "sample",
          parties: PARTIES,
          party,
          respondent: { name: PARTIES.find((p) => p.id === party)!.name },
          answers,
        },
      ],
    });
  }
  return backend;
}

function roundFor(party: string, round = 1): RoundView {
  return {
    round,
    questions: 12,
    parties: [
      { party: "p1", has_passphrase: true, started: false, answered: 0, sealed_at: null },
      { party: "p2", has_passphrase: true, started: false, answered: 0, sealed_at: null },
    ],
    all_sealed: false,
    unlocked: party,
  };
}

async function open(party = "p1", answers: Answer[] = [], carried: { answers: Answer[]; from: CarriedFromView } | null = null) {
  const backend = backendWith(party, answers);
  if (carried) {
    const sheet = { ...backend.sheetFor("a1", party), answers: carried.answers };
    backend.setPartner("a1", party, { carried: { sheet, carried_from: carried.from } });
  }
  const onround = vi.fn();
  const onlock = vi.fn();
  render(Questionnaire, {
    allianceId: "a1",
    party: PARTIES.find((p) => p.id === party)!,
    parties: PARTIES,
    round: roundFor(party, carried ? 2 : 1),
    onround,
    onlock,
  });
  await settle();
  return { backend, onround, onlock };
}

function question(id: string) {
  const node = screen.getAllByTestId("question").find((el) => el.dataset.question === id);
  if (!node) throw new Error(`no question ${id}`);
  return within(node);
}

function answerGroup(id: string) {
  return within(question(id).getByRole("group", { name: /^Your answer/ }));
}

function guessGroup(id: string) {
  return within(question(id).getByRole("group", { name: /^Your guess/ }));
}

async function type(input: HTMLElement, value: string) {
  await fireEvent.input(input, { target: { value } });
}

/** The answer to `id` in the newest sheet saved, after the autosave delay. */
async function saved(backend: FakeBackend, id: string): Promise<Answer | undefined> {
  await settle(800);
  return backend.lastSheet("a1", backend.questionnaire("a1").unlocked ?? "p1")?.answers.find((a) => a.question === id);
}

describe("Questionnaire answer controls", () => {
  it("shows questions by category with progress", async () => {
    await open();
    expect(screen.getByTestId("questionnaire")).toBeTruthy();
    expect(screen.getByRole("heading", { name: /Money/ })).toBeTruthy();
    expect(screen.getByRole("heading", { name: /Ways of working/ })).toBeTruthy();
    expect(screen.getAllByTestId("question")).toHaveLength(12);
    const progress = screen.getByTestId("progress");
    expect(progress.getAttribute("aria-valuenow")).toBe("0");
    expect(screen.getByText("Answered 0 of 12")).toBeTruthy();
  });

  it("number: a range with a unit typed by the author, and an acceptable zone", async () => {
    const { backend } = await open();
    const group = answerGroup("budget");
    await type(group.getByLabelText(/^Minimum/), "10000");
    await type(group.getByLabelText(/^Maximum/), "20000");
    await type(group.getByLabelText("Unit"), " EUR ");
    await type(group.getByLabelText("Lowest you would accept"), "8000");
    expect((await saved(backend, "budget"))?.value).toEqual({
      type: "number",
      min: 10000,
      max: 20000,
      unit: "EUR",
      accept: { min: 8000 },
    });
    expect(screen.getByTestId("progress").getAttribute("aria-valuenow")).toBe("1");
  });

  it("number: a single value takes the question's unit and period", async () => {
    const { backend } = await open();
    const group = answerGroup("hours");
    expect(group.getByText("hours per week")).toBeTruthy();
    expect(group.queryByLabelText("Unit")).toBeNull();
    await type(group.getByLabelText(/^Minimum/), "5");
    expect((await saved(backend, "hours"))?.value).toEqual({ type: "number", value: 5 });
  });

  it("share: my share and the partner's always add up to 100", async () => {
    const { backend } = await open();
    const group = answerGroup("split");
    await type(group.getByLabelText(/^Your share, % \(You, Acme\)/), "60");
    expect(group.getByTestId("partner-share").textContent).toContain("Globex: 40 %");
    await type(group.getByLabelText(/^Most share you would take/), "70");
    expect((await saved(backend, "split"))?.value).toEqual({
      type: "share",
      split: { me: 60, partner: 40 },
      accept_max: 70,
    });
  });

  it("share: the slider moves the same share", async () => {
    const { backend } = await open();
    const group = answerGroup("split");
    await type(group.getByLabelText("Your share, slider"), "35");
    expect((await saved(backend, "split"))?.value).toEqual({ type: "share", split: { me: 35, partner: 65 } });
  });

  it("duration: open-ended, or a value with its unit", async () => {
    const { backend } = await open();
    const group = answerGroup("duration");
    await type(group.getByLabelText("How long"), "18");
    expect((await saved(backend, "duration"))?.value).toEqual({ type: "duration", value: 18, unit: "months" });
    await fireEvent.click(group.getByLabelText("Open-ended"));
    expect((group.getByLabelText("How long") as HTMLInputElement).disabled).toBe(true);
    expect((await saved(backend, "duration"))?.value).toEqual({ type: "duration", open_ended: true });
  });

  it("duration: unit and acceptable zone", async () => {
    const { backend } = await open();
    const group = answerGroup("duration");
    await type(group.getByLabelText("How long"), "2");
    await fireEvent.change(group.getByLabelText("Unit"), { target: { value: "years" } });
    await type(group.getByLabelText("Longest you would accept"), "3");
    await fireEvent.click(group.getByLabelText("Open-ended would also do"));
    expect((await saved(backend, "duration"))?.value).toEqual({
      type: "duration",
      value: 2,
      unit: "years",
      accept: { max: 3, open_ended: true },
    });
  });

  it("frequency: named rhythms map to times per period, or ad hoc", async () => {
    const { backend } = await open();
    const select = answerGroup("meetings").getByLabelText("How often");
    await fireEvent.change(select, { target: { value: "biweekly" } });
    expect((await saved(backend, "meetings"))?.value).toEqual({ type: "frequency", times: 0.5, per: "week" });
    await fireEvent.change(select, { target: { value: "quarterly" } });
    expect((await saved(backend, "meetings"))?.value).toEqual({ type: "frequency", times: 1, per: "quarter" });
    await fireEvent.change(select, { target: { value: "ad-hoc" } });
    expect((await saved(backend, "meetings"))?.value).toEqual({ type: "frequency", ad_hoc: true });
  });

  it("date: a date input and the latest acceptable date", async () => {
    const { backend } = await open();
    const group = answerGroup("launch");
    const input = group.getByLabelText("Date") as HTMLInputElement;
    expect(input.type).toBe("date");
    await fireEvent.change(input, { target: { value: "2027-03-01" } });
    await fireEvent.change(group.getByLabelText("Latest you would accept"), { target: { value: "2027-06-30" } });
    expect((await saved(backend, "launch"))?.value).toEqual({
      type: "date",
      value: "2027-03-01",
      accept: { latest: "2027-06-30" },
    });
  });

  it("scale: radio buttons from min to max with the words at both ends", async () => {
    const { backend } = await open();
    const group = answerGroup("formality");
    expect(group.getAllByRole("radio")).toHaveLength(5);
    expect(group.getByText("casual")).toBeTruthy();
    expect(group.getByText("formal")).toBeTruthy();
    await fireEvent.click(group.getByRole("radio", { name: "4" }));
    await type(group.getByLabelText("Lowest you would accept"), "3");
    expect((await saved(backend, "formality"))?.value).toEqual({ type: "scale", value: 4, accept: { min: 3 } });
  });

  it("choice: one option, and other options in order of preference", async () => {
    const { backend } = await open();
    const group = answerGroup("rule");
    await fireEvent.click(group.getByRole("radio", { name: "Majority" }));
    const accept = within(group.getByRole("group", { name: "What else would you accept" }));
    expect(accept.queryByRole("button", { name: /Majority/ })).toBeNull();
    await fireEvent.click(accept.getByRole("button", { name: /Lead decides/ }));
    await fireEvent.click(accept.getByRole("button", { name: /Consensus/ }));
    expect(accept.getByRole("button", { name: /Consensus/ }).getAttribute("aria-pressed")).toBe("true");
    expect((await saved(backend, "rule"))?.value).toEqual({
      type: "choice",
      value: "majority",
      accept: ["lead", "consensus"],
    });
  });

  it("set: toggle chips with aria-pressed, stored in the question's order", async () => {
    const { backend } = await open();
    const group = answerGroup("channels");
    const webinar = group.getByRole("button", { name: "Webinar" });
    await fireEvent.click(webinar);
    await fireEvent.click(group.getByRole("button", { name: "Newsletter" }));
    expect(webinar.getAttribute("aria-pressed")).toBe("true");
    expect(group.getByRole("button", { name: "Trade fair" }).getAttribute("aria-pressed")).toBe("false");
    expect((await saved(backend, "channels"))?.value).toEqual({ type: "set", values: ["newsletter", "webinar"] });
  });

  it("party: phrased from this partner's point of view", async () => {
    const { backend } = await open();
    const group = answerGroup("venue");
    const names = group.getAllByRole("radio").map((r) => r.closest("label")?.textContent?.trim());
    expect(names).toEqual(["Me (Acme)", "My partner (Globex)", "Both", "Neither", "A third party"]);
    await fireEvent.click(group.getByRole("radio", { name: "My partner (Globex)" }));
    await fireEvent.click(group.getByRole("button", { name: /A third party/ }));
    expect((await saved(backend, "venue"))?.value).toEqual({ type: "party", value: "partner", accept: ["third_party"] });
  });

  it("party: the other partner's 'me' is themselves", async () => {
    const { backend } = await open("p2");
    const group = answerGroup("venue");
    expect(group.getByRole("radio", { name: "Me (Globex)" })).toBeTruthy();
    await fireEvent.click(group.getByRole("radio", { name: "Me (Globex)" }));
    await settle(800);
    expect(backend.lastSheet("a1", "p2")?.answers).toEqual([
      { question: "venue", value: { type: "party", value: "me" }, importance: 3, flexibility: "flexible" },
    ]);
    expect(backend.lastSheet("a1", "p2")?.party).toBe("p2");
  });

  it("yes / no / unsure: three radio buttons and acceptable alternatives", async () => {
    const { backend } = await open();
    const group = answerGroup("prelude");
    expect(group.getAllByRole("radio").map((r) => (r as HTMLInputElement).value)).toEqual(["yes", "no", "unsure"]);
    await fireEvent.click(group.getByRole("radio", { name: "Unsure" }));
    await fireEvent.click(group.getByRole("button", { name: /Yes/ }));
    expect((await saved(backend, "prelude"))?.value).toEqual({ type: "yes_no", value: "unsure", accept: ["yes"] });
  });

  it("text: a textarea; emptying it leaves the question out", async () => {
    const { backend } = await open();
    const area = question("success").getByLabelText("Your answer");
    expect(area.tagName).toBe("TEXTAREA");
    await type(area, "Three joint customers by June");
    expect((await saved(backend, "success"))?.value).toEqual({ type: "text", value: "Three joint customers by June" });
    await type(area, "   ");
    expect(await saved(backend, "success")).toBeUndefined();
  });

  it("importance, flexibility, note and guess complete the answer", async () => {
    const { backend } = await open();
    const q = question("prelude");
    await fireEvent.click(answerGroup("prelude").getByRole("radio", { name: "Yes" }));
    const importance = within(q.getByRole("group", { name: "How important is this to you?" }));
    await fireEvent.click(importance.getByRole("radio", { name: /5/ }));
    const flexibility = within(q.getByRole("group", { name: "How flexible are you?" }));
    await fireEvent.click(flexibility.getByRole("radio", { name: "Firm" }));
    await type(q.getByLabelText("Note (optional)"), "Only if the pilot works");
    await fireEvent.click(guessGroup("prelude").getByRole("radio", { name: "No" }));
    await settle(800);
    expect(backend.lastSheet("a1", "p1")?.answers).toEqual([
      {
        question: "prelude",
        value: { type: "yes_no", value: "yes" },
        importance: 5,
        flexibility: "firm",
        note: "Only if the pilot works",
        guess: { type: "yes_no", value: "no" },
      },
    ]);
  });

  it("a guess uses the same control without an acceptable zone", async () => {
    const { backend } = await open();
    await type(answerGroup("split").getByLabelText(/^Your share, %/), "50");
    const guess = guessGroup("split");
    expect(guess.queryByLabelText(/Least share/)).toBeNull();
    await type(guess.getByLabelText(/^Your share, %/), "30");
    const answer = await saved(backend, "split");
    expect(answer?.guess).toEqual({ type: "share", split: { me: 30, partner: 70 } });
  });

  it("importance alone does not answer a question", async () => {
    const { backend } = await open();
    const importance = within(question("rule").getByRole("group", { name: "How important is this to you?" }));
    await fireEvent.click(importance.getByRole("radio", { name: /4/ }));
    await settle(800);
    expect(backend.lastSheet("a1", "p1")?.answers ?? []).toEqual([]);
  });
});

describe("Questionnaire autosave, resume, seal and lock", () => {
  it("debounces saves: one save 800 ms after the last change", async () => {
    const { backend, onround } = await open();
    const input = answerGroup("hours").getByLabelText(/^Minimum/);
    await type(input, "1");
    await settle(500);
    await type(input, "12");
    await settle(500);
    expect(backend.callsTo("save_answers")).toHaveLength(0);
    expect(screen.getByTestId("save-status").textContent).toContain("Unsaved changes");
    await settle(300);
    expect(backend.callsTo("save_answers")).toHaveLength(1);
    expect(screen.getByTestId("save-status").textContent).toContain("Saved");
    expect(backend.lastSheet("a1", "p1")?.answers[0].value).toEqual({ type: "number", value: 12 });
    expect(onround).toHaveBeenCalled();
  });

  it("keeps what was typed when a save fails, and saves it on retry", async () => {
    const { backend } = await open();
    backend.failures.set("save_answers", { code: "StorageUnavailable", message: "disk full" });
    const area = question("success").getByLabelText("Your answer") as HTMLTextAreaElement;
    await type(area, "A joint case study");
    await settle(800);
    const alert = screen.getByTestId("save-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("disk full");
    expect(screen.getByTestId("save-status").textContent).toContain("Not saved");
    expect(area.value).toBe("A joint case study");

    backend.failures.delete("save_answers");
    await fireEvent.click(screen.getByRole("button", { name: "Try saving again" }));
    await settle();
    expect(screen.queryByTestId("save-error")).toBeNull();
    expect(backend.lastSheet("a1", "p1")?.answers[0].value).toEqual({ type: "text", value: "A joint case study" });
  });

  it("resumes from the saved sheet", async () => {
    await open("p1", [
      { question: "hours", value: { type: "number", min: 5, max: 10 }, importance: 4, flexibility: "firm", note: "at most" },
      { question: "success", value: { type: "text", value: "Two events" }, importance: 3, flexibility: "flexible" },
      { question: "meetings", value: { type: "frequency", times: 3, per: "month" }, importance: 3, flexibility: "flexible" },
    ]);
    expect((answerGroup("hours").getByLabelText(/^Minimum/) as HTMLInputElement).value).toBe("5");
    expect((answerGroup("hours").getByLabelText(/^Maximum/) as HTMLInputElement).value).toBe("10");
    expect((question("hours").getByLabelText("Note (optional)") as HTMLTextAreaElement).value).toBe("at most");
    expect((question("success").getByLabelText("Your answer") as HTMLTextAreaElement).value).toBe("Two events");
    expect((answerGroup("meetings").getByLabelText("How often") as HTMLSelectElement).value).toBe("custom");
    expect(screen.getByText("Answered 3 of 12")).toBeTruthy();
  });

  it("seals only after the confirm step", async () => {
    const { backend, onround } = await open();
    await fireEvent.click(screen.getByTestId("seal-answers"));
    expect(backend.callsTo("seal_answers")).toHaveLength(0);
    expect(screen.getByRole("alertdialog").textContent).toContain("final for this round");

    await fireEvent.click(screen.getByTestId("seal-cancel"));
    expect(screen.queryByTestId("seal-confirm")).toBeNull();
    expect(backend.callsTo("seal_answers")).toHaveLength(0);

    await fireEvent.click(screen.getByTestId("seal-answers"));
    await fireEvent.click(screen.getByTestId("seal-confirm"));
    await settle();
    expect(backend.callsTo("seal_answers")).toEqual([{ cmd: "seal_answers", args: { alliance: "a1", party: "p1" } }]);
    const round = onround.mock.calls.at(-1)?.[0] as RoundView;
    expect(round.parties[0].sealed_at).not.toBeNull();
  });

  it("saves pending changes before sealing", async () => {
    const { backend } = await open();
    await type(answerGroup("hours").getByLabelText(/^Minimum/), "7");
    await fireEvent.click(screen.getByTestId("seal-answers"));
    await fireEvent.click(screen.getByTestId("seal-confirm"));
    await settle();
    const cmds = backend.calls.map((c) => c.cmd).filter((c) => c === "save_answers" || c === "seal_answers");
    expect(cmds).toEqual(["save_answers", "seal_answers"]);
  });

  it("shows the seal error inline (a partner without a passphrase)", async () => {
    const { backend } = await open();
    backend.setPartner("a1", "p2", { passphrase: null });
    await fireEvent.click(screen.getByTestId("seal-answers"));
    await fireEvent.click(screen.getByTestId("seal-confirm"));
    await settle();
    expect(screen.getByTestId("seal-error").textContent).toContain("Globex has not set a passphrase yet");
  });

  it("hands over: saves, locks and returns", async () => {
    const { backend, onlock } = await open();
    await type(answerGroup("hours").getByLabelText(/^Minimum/), "3");
    await fireEvent.click(screen.getByTestId("lock-partner"));
    await settle();
    expect(backend.callsTo("save_answers")).toHaveLength(1);
    expect(backend.callsTo("lock_party")).toHaveLength(1);
    expect(onlock).toHaveBeenCalledTimes(1);
    expect((onlock.mock.calls[0][0] as RoundView).unlocked).toBeNull();
  });

  it("clears an answer", async () => {
    const { backend } = await open();
    await fireEvent.click(answerGroup("rule").getByRole("radio", { name: "Consensus" }));
    await settle(800);
    expect(backend.lastSheet("a1", "p1")?.answers).toHaveLength(1);
    await fireEvent.click(question("rule").getByRole("button", { name: "Clear answer" }));
    await settle(800);
    expect(backend.lastSheet("a1", "p1")?.answers).toEqual([]);
    expect((answerGroup("rule").getByRole("radio", { name: "Consensus" }) as HTMLInputElement).checked).toBe(false);
  });
});

describe("Questionnaire carried into a new round", () => {
  const CARRIED: Answer[] = [
    { question: "hours", value: { type: "number", value: 6 }, importance: 4, flexibility: "firm" },
    { question: "rule", value: { type: "choice", value: "majority" }, importance: 3, flexibility: "flexible" },
    { question: "success", value: { type: "text", value: "Two events" }, importance: 3, flexibility: "flexible" },
  ];
  const SEALED: CarriedFromView = {
    source: { kind: "sealed_answers", round: 1, sealed_at: Date.UTC(2026, 10, 2) },
    carried: 3,
    changed: 1,
    blank: 9,
  };

  it("says where the answers came from, announced as a status, and fills them in", async () => {
    await open("p1", [], { answers: CARRIED, from: SEALED });
    const status = screen.getByRole("status");
    expect(status.textContent).toContain(
      "Round 2 starts from your sealed answers of round 1: 3 answers carried over; 9 questions start blank (1 of them changed since).",
    );
    expect(within(status).getByTestId("carried-notice")).toBeTruthy();
    expect((answerGroup("hours").getByLabelText(/^Minimum/) as HTMLInputElement).value).toBe("6");
    expect((answerGroup("rule").getByRole("radio", { name: "Majority" }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText("Answered 3 of 12")).toBeTruthy();
  });

  it("names the date of a check-in it started from", async () => {
    const recorded = Date.UTC(2026, 10, 20, 12);
    await open("p1", [], {
      answers: CARRIED.slice(0, 1),
      from: { source: { kind: "check_in", agreement: 1, recorded_at: recorded }, carried: 1, changed: 0, blank: 11 },
    });
    const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(recorded));
    expect(screen.getByRole("status").textContent).toContain(
      `Round 2 starts from your check-in of ${date}: 1 answer carried over; 11 questions start blank.`,
    );
  });

  it("is not unsaved work: nothing is autosaved, and locking saves nothing", async () => {
    const { backend, onlock } = await open("p1", [], { answers: CARRIED, from: SEALED });
    await settle(2000);
    expect(backend.callsTo("save_answers")).toHaveLength(0);
    expect(screen.getByTestId("save-status").textContent).toContain("Not saved yet");
    await fireEvent.click(screen.getByTestId("lock-partner"));
    await settle();
    expect(backend.callsTo("save_answers")).toHaveLength(0);
    expect(onlock).toHaveBeenCalledTimes(1);
  });

  it("saves them as they are when asked, and then no longer says nothing is saved", async () => {
    const { backend } = await open("p1", [], { answers: CARRIED, from: SEALED });
    await fireEvent.click(screen.getByTestId("carried-save"));
    await settle();
    expect(backend.lastSheet("a1", "p1")?.answers).toEqual(CARRIED);
    expect(screen.queryByTestId("carried-save")).toBeNull();
    expect(screen.getByTestId("save-status").textContent).toContain("Saved");
    // Where they came from is still said.
    expect(screen.getByTestId("carried-notice")).toBeTruthy();
  });

  it("a failed save of the carried answers is tried again from the error", async () => {
    const { backend } = await open("p1", [], { answers: CARRIED, from: SEALED });
    backend.failures.set("save_answers", { code: "StorageUnavailable", message: "disk full" });
    await fireEvent.click(screen.getByTestId("carried-save"));
    await settle();
    expect(screen.getByTestId("save-error").textContent).toContain("disk full");
    backend.failures.delete("save_answers");
    await fireEvent.click(screen.getByRole("button", { name: "Try saving again" }));
    await settle();
    expect(screen.queryByTestId("save-error")).toBeNull();
    expect(backend.lastSheet("a1", "p1")?.answers).toEqual(CARRIED);
  });

  it("a change saves every carried answer with it", async () => {
    const { backend } = await open("p1", [], { answers: CARRIED, from: SEALED });
    await type(answerGroup("hours").getByLabelText(/^Minimum/), "8");
    await settle(800);
    expect(backend.callsTo("save_answers")).toHaveLength(1);
    expect(backend.lastSheet("a1", "p1")?.answers.map((a) => a.question)).toEqual(["hours", "rule", "success"]);
    expect(backend.lastSheet("a1", "p1")?.answers[0].value).toEqual({ type: "number", value: 8 });
  });

  it("sealing saves the carried answers first", async () => {
    const { backend } = await open("p1", [], { answers: CARRIED, from: SEALED });
    await fireEvent.click(screen.getByTestId("seal-answers"));
    await fireEvent.click(screen.getByTestId("seal-confirm"));
    await settle();
    const cmds = backend.calls.map((c) => c.cmd).filter((c) => c === "save_answers" || c === "seal_answers");
    expect(cmds).toEqual(["save_answers", "seal_answers"]);
    expect(backend.lastSheet("a1", "p1")?.answers).toEqual(CARRIED);
  });

  it("says so when none of the earlier answers could be carried", async () => {
    await open("p1", [], { answers: [], from: { ...SEALED, carried: 0, changed: 2, blank: 12 } });
    expect(screen.getByRole("status").textContent).toContain(
      "Round 2 starts from your sealed answers of round 1: none of them could be carried over; 12 questions start blank (2 of them changed since).",
    );
  });

  it("the first round says nothing of carried answers", async () => {
    await open();
    expect(screen.getByRole("status").textContent?.trim()).toBe("");
    expect(screen.queryByTestId("carried-notice")).toBeNull();
    expect(screen.queryByTestId("carried-save")).toBeNull();
    expect(screen.getByTestId("save-status").textContent).toContain("All answers saved");
  });
});
