// Tests for the question editor: what it sends to save_question_set after adding, editing,
// removing and reordering questions, the checks it makes first, and how it shows errors.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { PaperTerm } from "../../lib/bindings/PaperTerm";
import type { Party } from "../../lib/bindings/Party";
import type { QuestionSet } from "../../lib/bindings/QuestionSet";
import { FakeBackend, makeAlliance } from "../../test/fakeBackend";
import QuestionEditor from "./QuestionEditor.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const parties: Party[] = [
  { id: "p1", name: "Acme" },
  { id: "p2", name: "Globex" },
];
const terms: PaperTerm[] = [{ id: "t1", text: "Revenue split 50/50" }];

function seededSet(): QuestionSet {
  return {
    id: "custom",
    title: "Our questions",
    categories: [
      { id: "money", title: "Money" },
      { id: "time", title: "Time" },
    ],
    terms: [{ id: "t1", text: "Revenue split 50/50" }],
    questions: [
      { id: "m1", category: "money", text: "Who pays first?", type: "party" },
      { id: "t-1", category: "time", text: "How long does it run?", type: "duration" },
      { id: "m2", category: "money", text: "How are costs split?", type: "share", term: "t1" },
      { id: "m3", category: "money", text: "What budget?", type: "number", unit: "EUR" },
    ],
  };
}

function setup(set?: QuestionSet, editable = true) {
  const backend = new FakeBackend([makeAlliance({ id: "a1", name: "Nordic launch" })]).install();
  if (set) backend.questionSets.set("a1", { revision: 3, set, editable });
  render(QuestionEditor, { allianceId: "a1", parties, terms });
  return backend;
}

async function loaded() {
  await waitFor(() => expect(screen.queryByText("Loading questions…")).toBeNull());
}

function ids(): string[] {
  return screen.queryAllByTestId("editor-question").map((el) => el.dataset.question!);
}

function row(id: string): HTMLElement {
  return screen.getAllByTestId("editor-question").find((el) => el.dataset.question === id)!;
}

async function type(el: HTMLElement, value: string) {
  await fireEvent.input(el, { target: { value } });
}

async function choose(select: HTMLElement, label: string) {
  const option = [...(select as HTMLSelectElement).options].find((o) => o.textContent?.trim() === label);
  if (!option) throw new Error(`no option ${label}`);
  option.selected = true;
  await fireEvent.change(select);
}

function savedSets(backend: FakeBackend): QuestionSet[] {
  return backend.callsTo("save_question_set").map((c) => c.args.set as QuestionSet);
}

describe("QuestionEditor", () => {
  it("adds a choice question with an incompatible pair and saves the whole set", async () => {
    const backend = setup();
    await loaded();
    expect(screen.getByTestId("question-editor")).toBeTruthy();
    expect(ids()).toEqual([]);

    await type(screen.getByTestId("question-text"), "  How are decisions taken? ");
    await choose(screen.getByTestId("question-category"), "Money");
    await fireEvent.change(screen.getByTestId("question-type"), { target: { value: "choice" } });
    const options = screen.getAllByTestId("option-label");
    expect(options).toHaveLength(2);
    await type(options[0], "Consensus");
    await type(options[1], "Lead decides");
    await choose(screen.getByTestId("incompatible-a"), "Consensus");
    await choose(screen.getByTestId("incompatible-b"), "Lead decides");
    await fireEvent.click(screen.getByTestId("add-incompatible"));
    expect(screen.getAllByTestId("incompatible-pair")).toHaveLength(1);
    await choose(screen.getByTestId("question-term"), "Revenue split 50/50");
    await fireEvent.click(screen.getByTestId("add-question"));

    expect(ids()).toEqual(["how-are-decisions-taken"]);
    expect(row("how-are-decisions-taken").textContent).toContain("1 incompatible pair");

    await fireEvent.click(screen.getByTestId("save-questions"));
    await waitFor(() => expect(savedSets(backend)).toHaveLength(1));
    expect(backend.callsTo("save_question_set")[0].args.alliance).toBe("a1");
    expect(savedSets(backend)[0]).toEqual({
      id: "general",
      title: "General questions",
      categories: [
        { id: "fairness", title: "Fairness and balance" },
        { id: "money", title: "Money" },
      ],
      terms: [{ id: "t1", text: "Revenue split 50/50" }],
      questions: [
        {
          id: "how-are-decisions-taken",
          category: "money",
          text: "How are decisions taken?",
          type: "choice",
          options: [
            { id: "consensus", label: "Consensus" },
            { id: "lead-decides", label: "Lead decides" },
          ],
          incompatible: [["consensus", "lead-decides"]],
          term: "t1",
        },
      ],
    });
    await waitFor(() => expect(screen.getByTestId("save-state").textContent).toContain("Saved as revision 2"));
  });

  it("offers every answer type and writes each one's own fields", async () => {
    const backend = setup();
    await loaded();
    const select = screen.getByTestId("question-type") as HTMLSelectElement;
    expect([...select.options].map((o) => o.value).sort()).toEqual(
      ["choice", "date", "duration", "frequency", "number", "party", "scale", "set", "share", "text", "yes_no"],
    );

    await type(screen.getByTestId("question-text"), "Hours per week?");
    await fireEvent.change(select, { target: { value: "number" } });
    await type(screen.getByTestId("question-unit"), "hours");
    await choose(screen.getByTestId("question-per"), "per week");
    await choose(screen.getByTestId("question-balance"), "Contribution: what a partner puts in");
    await fireEvent.click(screen.getByTestId("question-scenario"));
    await fireEvent.click(screen.getByTestId("add-question"));

    await type(screen.getByTestId("question-text"), "How formal?");
    await fireEvent.change(screen.getByTestId("question-type"), { target: { value: "scale" } });
    await fireEvent.input(screen.getByTestId("scale-max"), { target: { value: "7" } });
    await type(screen.getByTestId("scale-low"), "casual");
    await type(screen.getByTestId("scale-high"), "formal");
    await fireEvent.click(screen.getByTestId("add-question"));

    await type(screen.getByTestId("question-text"), "Channels");
    await fireEvent.change(screen.getByTestId("question-type"), { target: { value: "set" } });
    await fireEvent.click(screen.getByTestId("add-option"));
    const labels = screen.getAllByTestId("option-label");
    await type(labels[0], "Newsletter");
    await type(labels[1], "Webinar");
    await type(labels[2], "Trade fair");
    await fireEvent.click(screen.getAllByTestId("remove-option")[1]);
    await fireEvent.click(screen.getByTestId("add-question"));

    await type(screen.getByTestId("question-text"), "Is this a prelude?");
    await fireEvent.change(screen.getByTestId("question-type"), { target: { value: "yes_no" } });
    await fireEvent.click(screen.getByTestId("add-question"));

    await fireEvent.click(screen.getByTestId("save-questions"));
    await waitFor(() => expect(savedSets(backend)).toHaveLength(1));
    expect(savedSets(backend)[0].questions).toEqual([
      {
        id: "hours-per-week",
        category: "fairness",
        text: "Hours per week?",
        type: "number",
        unit: "hours",
        per: "week",
        balance: "contribution",
        scenario: true,
      },
      { id: "how-formal", category: "fairness", text: "How formal?", type: "scale", min: 1, max: 7, low: "casual", high: "formal" },
      {
        id: "channels",
        category: "fairness",
        text: "Channels",
        type: "set",
        options: [
          { id: "newsletter", label: "Newsletter" },
          { id: "trade-fair", label: "Trade fair" },
        ],
      },
      { id: "is-this-a-prelude", category: "fairness", text: "Is this a prelude?", type: "yes_no" },
    ]);
  });

  it("gives new questions unique slug ids", async () => {
    setup(seededSet());
    await loaded();
    for (const text of ["Who pays first?", "Who pays first?", "M1"]) {
      await type(screen.getByTestId("question-text"), text);
      await fireEvent.click(screen.getByTestId("add-question"));
    }
    expect(ids()).toContain("who-pays-first");
    expect(ids()).toContain("who-pays-first-2");
    expect(ids().filter((id) => id === "m1")).toHaveLength(1);
    expect(ids()).toContain("m1-2");
  });

  it("checks the question before adding it", async () => {
    const backend = setup();
    await loaded();
    await fireEvent.click(screen.getByTestId("add-question"));
    expect(ids()).toEqual([]);
    expect(screen.getByText("Write the question.")).toBeTruthy();

    await type(screen.getByTestId("question-text"), "Rule?");
    await fireEvent.change(screen.getByTestId("question-type"), { target: { value: "choice" } });
    await type(screen.getAllByTestId("option-label")[0], "Consensus");
    await fireEvent.click(screen.getByTestId("add-question"));
    expect(ids()).toEqual([]);
    expect(screen.getByText("Give every option a label, or remove it.")).toBeTruthy();
    expect(backend.callsTo("save_question_set")).toHaveLength(0);
  });

  it("reorders within a category and removes after confirmation", async () => {
    const backend = setup(seededSet());
    await loaded();
    expect(ids()).toEqual(["m1", "m2", "m3", "t-1"]);
    expect((within(row("m1")).getByTestId("move-up") as HTMLButtonElement).disabled).toBe(true);
    expect((within(row("m3")).getByTestId("move-down") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("save-questions") as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(within(row("m1")).getByTestId("move-down"));
    expect(ids()).toEqual(["m2", "m1", "m3", "t-1"]);
    await fireEvent.click(within(row("m3")).getByTestId("move-up"));
    expect(ids()).toEqual(["m2", "m3", "m1", "t-1"]);

    await fireEvent.click(within(row("m2")).getByTestId("remove-question"));
    await fireEvent.click(within(row("m2")).getByTestId("cancel-remove"));
    expect(ids()).toContain("m2");
    await fireEvent.click(within(row("m2")).getByTestId("remove-question"));
    await fireEvent.click(within(row("m2")).getByTestId("confirm-remove"));
    expect(ids()).toEqual(["m3", "m1", "t-1"]);

    await fireEvent.click(screen.getByTestId("save-questions"));
    await waitFor(() => expect(savedSets(backend)).toHaveLength(1));
    // Moves swap places with the neighbour in the same category; other categories stay put.
    expect(savedSets(backend)[0].questions.map((q) => q.id)).toEqual(["t-1", "m3", "m1"]);
    expect(savedSets(backend)[0].terms).toEqual([{ id: "t1", text: "Revenue split 50/50" }]);
  });

  it("edits a question in place and keeps its id", async () => {
    const backend = setup(seededSet());
    await loaded();
    await fireEvent.click(within(row("m2")).getByTestId("edit-question"));
    const text = screen.getByTestId("question-text") as HTMLTextAreaElement;
    expect(text.value).toBe("How are costs split?");
    expect((screen.getByTestId("question-term") as HTMLSelectElement).value).toBe("t1");
    await type(text, "How are the costs split?");
    await choose(screen.getByTestId("question-term"), "Not tied to a paper term");
    await fireEvent.click(screen.getByTestId("apply-question"));
    expect(row("m2").textContent).toContain("How are the costs split?");

    await fireEvent.click(screen.getByTestId("save-questions"));
    await waitFor(() => expect(savedSets(backend)).toHaveLength(1));
    expect(savedSets(backend)[0].questions[2]).toEqual({
      id: "m2",
      category: "money",
      text: "How are the costs split?",
      type: "share",
    });
  });

  it("shows a save error inline as an alert", async () => {
    const backend = setup(seededSet());
    await loaded();
    backend.failures.set("save_question_set", {
      code: "InvalidInput",
      message: "question m1: unknown category \"gone\"",
    });
    await fireEvent.click(within(row("m1")).getByTestId("move-down"));
    await fireEvent.click(screen.getByTestId("save-questions"));
    const alert = await screen.findByRole("alert");
    expect(alert.dataset.testid).toBe("save-error");
    expect(alert.textContent).toContain('question m1: unknown category "gone"');
    expect(alert.textContent).toContain("Please check what you entered");
    expect(screen.getByTestId("save-state").textContent).toContain("Unsaved changes");
  });

  it("shows why the set cannot be edited once a partner has sealed", async () => {
    setup(seededSet(), false);
    await loaded();
    expect(screen.getByTestId("editor-frozen").textContent).toContain("sealed their answers");
    expect(ids()).toHaveLength(4);
    expect(screen.queryByTestId("add-question")).toBeNull();
    expect(screen.queryByTestId("save-questions")).toBeNull();
    expect(screen.queryAllByTestId("remove-question")).toHaveLength(0);
  });
});
