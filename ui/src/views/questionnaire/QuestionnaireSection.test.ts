// Tests for the questionnaire section of an alliance page: partner rows with their standing,
// the passphrase step (choose / enter, inline errors), handing over, the question editor toggle,
// and the comparison once every partner has sealed.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Comparison } from "../../lib/bindings/Comparison";
import { FakeBackend, makeAlliance, sampleNegotiation, sampleQuestionSet } from "../../test/fakeBackend";
import demo from "../comparison/fixtures/demo-comparison.json";
import QuestionnaireSection from "./QuestionnaireSection.svelte";

// The comparison view draws charts on a canvas, which jsdom lacks.
vi.mock("chart.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("chart.js")>();
  class Chart {
    static register() {}
    data: unknown;
    options: unknown;
    constructor(_canvas: unknown, config: { data: unknown; options: unknown }) {
      this.data = config.data;
      this.options = config.options;
    }
    update() {}
    destroy() {}
  }
  return { ...original, Chart };
});

afterEach(() => {
  cleanup();
  clearMocks();
});

const alliance = makeAlliance({ id: "a1", name: "Nordic launch" });

function setup() {
  const backend = new FakeBackend([alliance]).install();
  backend.useQuestionSet("a1", sampleQuestionSet());
  return backend;
}

function show() {
  render(QuestionnaireSection, { allianceId: "a1", parties: alliance.parties, terms: alliance.terms });
}

function row(party: string) {
  const node = screen.getAllByTestId("party-row").find((el) => el.dataset.party === party);
  if (!node) throw new Error(`no row ${party}`);
  return within(node);
}

async function answerAs(party: string) {
  const button = (await screen.findAllByTestId("answer-as")).find((b) => b.dataset.party === party)!;
  await fireEvent.click(button);
}

describe("QuestionnaireSection", () => {
  it("lists each partner with their standing and an Answer button", async () => {
    const backend = setup();
    backend.setPartner("a1", "p2", {
      passphrase: "globex-secret",
      sheets: [
        {
          format: "accord.answer-sheet",
          version: 1,
          question_set: "sample",
          parties: alliance.parties,
          party: "p2",
          respondent: { name: "Globex" },
          answers: [
            { question: "success", value: { type: "text", value: "x" }, importance: 3, flexibility: "flexible" },
            { question: "prelude", value: { type: "yes_no", value: "yes" }, importance: 3, flexibility: "flexible" },
          ],
        },
      ],
    });
    show();
    expect((await screen.findByTestId("round-number")).textContent).toBe("Round 1");
    expect(row("p1").getByTestId("party-status").textContent).toBe("No passphrase yet");
    // Nobody is unlocked, so even the count of Globex's answers stays hidden.
    expect(row("p2").getByTestId("party-status").textContent).toBe("Answering");
    expect(row("p1").getByTestId("answer-as").textContent).toContain("Answer as Acme");
    // Counts only: no answer content is on the page.
    expect(screen.queryByText("x")).toBeNull();
  });

  it("chooses a passphrase with confirmation, then opens the questionnaire", async () => {
    const backend = setup();
    show();
    await answerAs("p1");
    expect(screen.getByRole("heading", { name: /Choose a passphrase/ })).toBeTruthy();
    expect(screen.getByTestId("passphrase-step").textContent).toContain("Globex cannot see them until every partner has sealed");

    await fireEvent.input(screen.getByTestId("passphrase-input"), { target: { value: "short" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    expect(screen.getByTestId("passphrase-error").textContent).toContain("at least 8");

    await fireEvent.input(screen.getByTestId("passphrase-input"), { target: { value: "long enough" } });
    await fireEvent.input(screen.getByTestId("passphrase-confirm"), { target: { value: "long enougj" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    expect(screen.getByTestId("passphrase-error").getAttribute("role")).toBe("alert");
    expect(backend.callsTo("set_passphrase")).toHaveLength(0);

    await fireEvent.input(screen.getByTestId("passphrase-confirm"), { target: { value: "long enough" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    expect(await screen.findByTestId("questionnaire")).toBeTruthy();
    expect(backend.callsTo("set_passphrase")).toEqual([
      { cmd: "set_passphrase", args: { alliance: "a1", party: "p1", passphrase: "long enough" } },
    ]);
    await waitFor(() => expect(screen.getAllByTestId("question")).toHaveLength(12));
  });

  it("shows a wrong passphrase inline and stays on the step", async () => {
    const backend = setup();
    backend.setPartner("a1", "p2", { passphrase: "globex-secret" });
    show();
    await answerAs("p2");
    expect(screen.getByRole("heading", { name: /Enter your passphrase/ })).toBeTruthy();
    expect(screen.queryByTestId("passphrase-confirm")).toBeNull();
    const input = screen.getByTestId("passphrase-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "guess-guess" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));

    const error = await screen.findByTestId("passphrase-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toContain("wrong passphrase; nothing was changed");
    expect(error.textContent).toContain("Wrong passphrase");
    expect(screen.getByTestId("passphrase-step")).toBeTruthy();
    expect(screen.queryByTestId("questionnaire")).toBeNull();
    expect(backend.callsTo("get_answers")).toHaveLength(0);

    await fireEvent.input(input, { target: { value: "globex-secret" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    expect(await screen.findByTestId("questionnaire")).toBeTruthy();
  });

  it("hands over: Lock returns to the partner list with nobody unlocked", async () => {
    const backend = setup();
    backend.setPartner("a1", "p1", { passphrase: "acme-secret" });
    show();
    await answerAs("p1");
    await fireEvent.input(screen.getByTestId("passphrase-input"), { target: { value: "acme-secret" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    await fireEvent.click(await screen.findByTestId("lock-partner"));
    expect(await screen.findByTestId("round-parties")).toBeTruthy();
    expect(screen.queryByTestId("questionnaire")).toBeNull();
    expect(backend.questionnaire("a1").unlocked).toBeNull();
  });

  it("goes straight to the questionnaire when that partner is already unlocked", async () => {
    const backend = setup();
    backend.setPartner("a1", "p1", { passphrase: "acme-secret" });
    backend.questionnaire("a1").unlocked = "p1";
    show();
    await answerAs("p1");
    expect(await screen.findByTestId("questionnaire")).toBeTruthy();
    expect(screen.queryByTestId("passphrase-step")).toBeNull();
  });

  it("offers the question editor only while nobody has sealed", async () => {
    const backend = setup();
    show();
    await fireEvent.click(await screen.findByTestId("edit-questions"));
    expect(screen.getByTestId("edit-questions").getAttribute("aria-expanded")).toBe("true");
    cleanup();

    backend.setPartner("a1", "p1", { passphrase: "acme-secret", sealed_at: Date.UTC(2025, 2, 4) });
    show();
    expect(await screen.findByText(/^Sealed on/)).toBeTruthy();
    expect(screen.queryByTestId("edit-questions")).toBeNull();
  });

  it("opens the comparison once all have sealed, asking for a passphrase first", async () => {
    const backend = setup();
    backend.comparison = demo as unknown as Comparison;
    backend.setPartner("a1", "p1", { passphrase: "acme-secret", sealed_at: Date.UTC(2025, 2, 4) });
    backend.setPartner("a1", "p2", { passphrase: "globex-secret", sealed_at: Date.UTC(2025, 2, 5) });
    show();
    await fireEvent.click(await screen.findByTestId("open-comparison"));
    expect(backend.callsTo("get_comparison")).toHaveLength(0);
    const as = screen.getAllByTestId("compare-as").find((b) => b.dataset.party === "p2")!;
    await fireEvent.click(as);
    await fireEvent.input(screen.getByTestId("passphrase-input"), { target: { value: "globex-secret" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    expect(await screen.findByTestId("comparison")).toBeTruthy();
    expect(backend.callsTo("get_comparison")).toEqual([{ cmd: "get_comparison", args: { alliance: "a1", party: "p2" } }]);
  });

  it("opens the negotiation beside the comparison as a second tab, by click or arrow key", async () => {
    const backend = setup();
    backend.comparison = demo as unknown as Comparison;
    backend.useNegotiation("a1", sampleNegotiation(), "p1");
    show();
    await fireEvent.click(await screen.findByTestId("open-comparison"));
    expect(await screen.findByTestId("comparison")).toBeTruthy();
    const tab = screen.getByTestId("open-negotiation");
    expect(tab.getAttribute("aria-selected")).toBe("false");
    expect(backend.callsTo("get_negotiation")).toHaveLength(0);

    await fireEvent.click(tab);
    expect(tab.getAttribute("aria-selected")).toBe("true");
    expect((await screen.findAllByTestId("negotiation-item")).length).toBe(2);
    expect(screen.getByTestId("comparison").closest("[role=tabpanel]")?.hasAttribute("hidden")).toBe(true);

    // Back to the comparison with the arrow key; the negotiation keeps its state (no reload).
    await fireEvent.keyDown(tab, { key: "ArrowLeft" });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("tab-comparison")));
    expect(screen.getByTestId("negotiation").closest("[role=tabpanel]")?.hasAttribute("hidden")).toBe(true);
    await fireEvent.keyDown(screen.getByTestId("tab-comparison"), { key: "ArrowRight" });
    expect(tab.getAttribute("aria-selected")).toBe("true");
    expect(backend.callsTo("get_negotiation")).toHaveLength(1);
  });

  it("starts a new round once all have sealed, each partner from their sealed answers", async () => {
    const backend = setup();
    const sealed = {
      ...backend.sheetFor("a1", "p1"),
      answers: [{ question: "prelude", value: { type: "yes_no" as const, value: "yes" as const }, importance: 3, flexibility: "flexible" as const }],
    };
    backend.setPartner("a1", "p1", { passphrase: "acme-secret", sealed_at: Date.UTC(2025, 2, 4), sheets: [sealed] });
    backend.setPartner("a1", "p2", { passphrase: "globex-secret", sealed_at: Date.UTC(2025, 2, 5) });
    show();
    await fireEvent.click(await screen.findByTestId("next-round"));
    await waitFor(() => expect(screen.getByTestId("round-number").textContent).toBe("Round 2"));
    expect(screen.queryByTestId("open-comparison")).toBeNull();
    // Nothing saved in round 2 yet: the partner has not started.
    expect(row("p1").getByTestId("party-status").textContent).not.toContain("answered");

    await answerAs("p1");
    await fireEvent.input(await screen.findByTestId("passphrase-input"), { target: { value: "acme-secret" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    const notice = await screen.findByTestId("carried-notice");
    expect(notice.closest("[role=status]")).not.toBeNull();
    expect(notice.textContent).toContain("Round 2 starts from your sealed answers of round 1: 1 answer carried over");
    expect(backend.callsTo("save_answers")).toHaveLength(0);
  });

  it("steers partners who answer on other machines to the envelope exchange", async () => {
    const backend = setup();
    backend.setPartner("a1", "p1", { passphrase: "acme-pass-1" });
    const onround = vi.fn();
    render(QuestionnaireSection, {
      allianceId: "a1",
      parties: alliance.parties,
      terms: alliance.terms,
      remoteParties: ["p2"],
      onround,
    });
    const rows = await screen.findAllByTestId("party-row");
    const globex = rows.find((r) => r.dataset.party === "p2")!;
    expect(within(globex).queryByTestId("answer-as")).toBeNull();
    expect(within(globex).getByTestId("answers-remotely").textContent).toContain("their own machine");
    await waitFor(() => expect(onround).toHaveBeenCalled());

    await fireEvent.click(within(rows.find((r) => r.dataset.party === "p1")!).getByTestId("answer-as"));
    await fireEvent.input(await screen.findByTestId("passphrase-input"), { target: { value: "acme-pass-1" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    await screen.findByTestId("questionnaire");
    expect(screen.queryByTestId("seal-answers")).toBeNull();
    expect(screen.getByTestId("seal-by-envelope").textContent).toMatch(/Seal and export my\s+envelope/);
  });
});
