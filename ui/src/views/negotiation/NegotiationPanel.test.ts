// Tests for the negotiation panel against the fake backend (mocked IPC): proposing a suggestion
// sends its exact value and comment; the other partner accepts, rejects or counters; one's own
// proposal offers no Accept; a package is proposed value by value and stops at the first error;
// freezing shows what blocks it before pressing, then the frozen agreement; handing over locks
// and asks the other partner's passphrase.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { NegotiationView } from "../../lib/bindings/NegotiationView";
import { FakeBackend, makeAlliance, sampleNegotiation } from "../../test/fakeBackend";
import NegotiationPanel from "./NegotiationPanel.svelte";

const ALLIANCE = makeAlliance({ id: "a1", name: "Nordic Launch 2026" });

afterEach(() => {
  cleanup();
  clearMocks();
});

function setup(view: NegotiationView = sampleNegotiation(), unlocked: string | null = "p1") {
  const backend = new FakeBackend([ALLIANCE]).install();
  backend.useNegotiation("a1", view, unlocked);
  render(NegotiationPanel, { allianceId: "a1", parties: ALLIANCE.parties });
  return backend;
}

/** Waits for the first element matching `css`. */
async function find(css: string): Promise<HTMLElement> {
  return await waitFor(() => {
    const found = document.querySelector<HTMLElement>(css);
    if (!found) throw new Error(`no ${css}`);
    return found;
  });
}

async function item(question: string): Promise<HTMLElement> {
  return await find(`[data-testid="negotiation-item"][data-question="${question}"]`);
}

/** The sample with both questions proposed by Globex (p2). */
function proposedByGlobex(): NegotiationView {
  const view = sampleNegotiation();
  view.items = view.items.map((i, index) => {
    const option = view.suggestions.disputed[index].options[1];
    return {
      ...i,
      status: { status: "proposed", proposal: { by: "p2", value: option.value, shown: option.shown, comment: "our line" } },
      steps: [{ party: "p2", action: "propose", value: option.value, shown: option.shown, comment: "our line", at: 1 }],
    };
  });
  return view;
}

describe("NegotiationPanel", () => {
  it("proposes a suggestion with its exact value and the comment, and offers no Accept on one's own proposal", async () => {
    const backend = setup();
    const prelude = await item("prelude");
    expect(within(prelude).getAllByTestId("suggestion")).toHaveLength(2);
    expect(prelude.textContent).toContain("Globex is firm and it matters more to Globex.");
    expect(within(prelude).queryByTestId("accept")).toBeNull();

    await fireEvent.input(within(prelude).getByTestId("step-comment"), { target: { value: "  Globex cares more  " } });
    await fireEvent.click(within(prelude).getAllByTestId("propose-suggestion")[0]);

    await waitFor(() => expect(prelude.dataset.status).toBe("proposed"));
    expect(backend.callsTo("record_step").map((c) => c.args)).toEqual([
      {
        alliance: "a1",
        question: "prelude",
        action: "propose",
        value: { type: "yes_no", value: "no" },
        comment: "Globex cares more",
      },
    ]);
    const status = within(prelude).getByTestId("item-status");
    expect(status.textContent).toContain("You proposed “no”");
    expect(status.textContent).toContain("waiting for Globex");
    // One's own proposal: no Accept, no Reject; it can only be replaced.
    expect(within(prelude).queryByTestId("accept")).toBeNull();
    expect(within(prelude).queryByTestId("reject")).toBeNull();
    expect(within(prelude).getAllByTestId("propose-suggestion")[1].textContent).toContain("Propose this instead");
    expect(within(prelude).getByText(/History \(1 step\)/)).toBeTruthy();
    await waitFor(() => expect((within(prelude).getByTestId("step-comment") as HTMLTextAreaElement).value).toBe(""));
    expect(screen.getByTestId("negotiation-tally").textContent?.replace(/\s+/g, " ")).toContain("0 of 2 disputed questions agreed · 1 proposed · 1 open");
  });

  it("lets the other partner accept one proposal and counter another with a suggestion", async () => {
    const backend = setup(proposedByGlobex());
    const prelude = await item("prelude");
    expect(within(prelude).getByTestId("item-status").textContent).toContain("Globex proposed “yes”");

    await fireEvent.input(within(prelude).getByTestId("step-comment"), { target: { value: "fine by us" } });
    await fireEvent.click(within(prelude).getByTestId("accept"));
    await waitFor(() => expect(prelude.dataset.status).toBe("agreed"));
    expect(within(prelude).getByTestId("item-status").textContent).toContain("Agreed: “yes”");
    // Accept is gone; focus stays on the question.
    await waitFor(() => expect(document.activeElement).toBe(prelude.querySelector("h4")));
    expect(within(prelude).getByTestId("item-status").textContent).toContain("accepted by Acme");

    const hours = await item("hours");
    const counter = within(hours).getAllByTestId("propose-suggestion")[0] as HTMLButtonElement;
    expect(counter.textContent).toContain("Counter with this");
    await waitFor(() => expect(counter.disabled).toBe(false));
    await fireEvent.click(counter);
    await waitFor(() => expect(within(hours).getByTestId("item-status").textContent).toContain("You proposed “15 hours per week”"));

    expect(backend.callsTo("record_step").map((c) => c.args)).toEqual([
      { alliance: "a1", question: "prelude", action: "accept", value: null, comment: "fine by us" },
      {
        alliance: "a1",
        question: "hours",
        action: "counter",
        value: { type: "number", value: 15, unit: "hours", per: "week" },
        comment: null,
      },
    ]);
  });

  it("counters with a value of one's own entered with the questionnaire's control", async () => {
    const backend = setup(proposedByGlobex());
    const prelude = await item("prelude");
    const toggle = within(prelude).getByTestId("own-value-toggle");
    expect(toggle.textContent).toContain("Counter with a value of my own");
    await fireEvent.click(toggle);
    const form = within(prelude).getByTestId("own-value");
    // Nothing chosen yet: said inline, nothing sent.
    await fireEvent.click(within(form).getByTestId("propose-own"));
    expect(within(form).getByRole("alert").textContent).toContain("Enter a value first");
    expect(backend.callsTo("record_step")).toEqual([]);

    const unsure = form.querySelector<HTMLInputElement>('input[type="radio"][value="unsure"]')!;
    await fireEvent.click(unsure);
    await fireEvent.click(within(form).getByTestId("propose-own"));
    await waitFor(() => expect(backend.callsTo("record_step")).toHaveLength(1));
    expect(backend.callsTo("record_step")[0].args).toEqual({
      alliance: "a1",
      question: "prelude",
      action: "counter",
      value: { type: "yes_no", value: "unsure" },
      comment: null,
    });
    await waitFor(() => expect(within(prelude).queryByTestId("own-value")).toBeNull());
  });

  it("rejects a proposal: the item is open again and the rejected proposal stays visible", async () => {
    const backend = setup(proposedByGlobex());
    const hours = await item("hours");
    await fireEvent.click(within(hours).getByTestId("reject"));
    await waitFor(() => expect(hours.dataset.status).toBe("open"));
    expect(within(hours).getByTestId("item-status").textContent).toContain("Globex's proposal “10 hours per week” was rejected");
    expect(backend.callsTo("record_step").at(-1)?.args).toMatchObject({ question: "hours", action: "reject", value: null });
  });

  it("shows a refused step beside its question and keeps the comment", async () => {
    const backend = setup(proposedByGlobex());
    backend.failures.set("record_step", { code: "Conflict", message: "this question is already agreed for this round" });
    const hours = await item("hours");
    await fireEvent.input(within(hours).getByTestId("step-comment"), { target: { value: "keep me" } });
    await fireEvent.click(within(hours).getByTestId("accept"));
    const error = await within(hours).findByTestId("step-error");
    expect(error.textContent).toContain("this question is already agreed for this round");
    expect(error.textContent).toContain("Not possible right now");
    expect((within(hours).getByTestId("step-comment") as HTMLTextAreaElement).value).toBe("keep me");
  });

  it("filters items by status with counts, and nothing unresolved disappears for good", async () => {
    setup(proposedByGlobex());
    const prelude = await item("prelude");
    await fireEvent.click(within(prelude).getByTestId("accept"));
    await waitFor(() => expect(prelude.dataset.status).toBe("agreed"));
    const filters = screen.getByTestId("status-filter");
    expect(filters.textContent).toMatch(/All\s*2/);
    expect(filters.textContent).toMatch(/Agreed\s*1/);
    await fireEvent.click(screen.getByTestId("filter-proposed"));
    expect(screen.getAllByTestId("negotiation-item").map((e) => e.dataset.question)).toEqual(["hours"]);
    await fireEvent.click(screen.getByTestId("filter-open"));
    expect(screen.getByTestId("filter-empty").textContent).toContain("No question is open");
    await fireEvent.click(screen.getByTestId("filter-all"));
    expect(screen.getAllByTestId("negotiation-item")).toHaveLength(2);
  });

  it("proposes the suggested package value by value", async () => {
    const backend = setup();
    const packages = await screen.findAllByTestId("package");
    expect(within(packages[0]).getByTestId("gain-a").textContent).toBe("80%");
    expect(within(packages[0]).getByTestId("gain-b").textContent).toBe("75%");
    expect(within(packages[0]).getByTestId("package-why").textContent).toContain("an even balance");
    await fireEvent.input(screen.getByTestId("package-comment"), { target: { value: "the suggested package" } });
    await fireEvent.click(within(packages[0]).getByTestId("propose-package"));
    await screen.findByTestId("package-notice");
    expect(backend.callsTo("record_step").map((c) => c.args)).toEqual([
      { alliance: "a1", question: "prelude", action: "propose", value: { type: "yes_no", value: "no" }, comment: "the suggested package" },
      {
        alliance: "a1",
        question: "hours",
        action: "propose",
        value: { type: "number", value: 10, unit: "hours", per: "week" },
        comment: "the suggested package",
      },
    ]);
    expect(screen.getByTestId("package-notice").textContent).toContain("Proposed 2 values");
    await waitFor(() => expect(screen.getAllByTestId("negotiation-item").every((e) => e.dataset.status === "proposed")).toBe(true));
  });

  it("leaves a package value the other partner already proposes for accepting", async () => {
    const backend = setup(proposedByGlobex());
    const packages = await screen.findAllByTestId("package");
    await fireEvent.click(within(packages[0]).getByTestId("propose-package"));
    const notice = await screen.findByTestId("package-notice");
    expect(backend.callsTo("record_step").map((c) => c.args.question)).toEqual(["prelude"]);
    expect(notice.textContent).toContain("Proposed 1 value");
    expect(notice.textContent).toContain("Globex already proposes one of its values: accept it below.");
  });

  it("stops a package at the first refused value and names the question", async () => {
    const backend = setup();
    backend.failures.set("record_step", { code: "Conflict", message: "round 1 has a frozen agreement; no more steps" });
    const packages = await screen.findAllByTestId("package");
    await fireEvent.click(within(packages[0]).getByTestId("propose-package"));
    const error = await screen.findByTestId("package-error");
    expect(error.textContent).toContain("Stopped at “Is this a prelude to a joint venture?” after 0 of 2");
    expect(backend.callsTo("record_step")).toHaveLength(1);
  });

  it("shows what blocks freezing before pressing, then freezes and shows the agreement", async () => {
    const backend = setup();
    const panel = await screen.findByTestId("freeze-panel");
    expect((within(panel).getByTestId("freeze-threshold") as HTMLInputElement).value).toBe("40");
    expect((within(panel).getByTestId("freeze-review") as HTMLInputElement).value).toBe("2025-09-03");
    expect(within(panel).getAllByTestId("blocking-item").map((e) => e.dataset.question)).toEqual(["prelude", "hours"]);
    expect((within(panel).getByTestId("freeze-agreement") as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.input(within(panel).getByTestId("freeze-threshold"), { target: { value: "85" } });
    expect(within(panel).queryAllByTestId("blocking-item")).toHaveLength(0);
    expect(within(panel).getByTestId("freeze-ready").textContent).toContain("3 items stay open below severity 85");

    await fireEvent.click(within(panel).getByTestId("freeze-agreement"));
    const confirm = await within(panel).findByTestId("freeze-confirm");
    expect(document.activeElement).toBe(confirm);
    expect(backend.callsTo("freeze_agreement")).toEqual([]);
    await fireEvent.click(confirm);

    const summary = await screen.findByTestId("agreement-summary");
    expect(backend.callsTo("freeze_agreement").map((c) => c.args)).toEqual([
      { alliance: "a1", threshold: 85, reviewOn: "2025-09-03" },
    ]);
    expect(within(summary).getByTestId("agreement-number").textContent).toBe("1");
    expect(within(summary).getByTestId("agreement-hash").textContent).toBe("9f".repeat(32));
    expect(within(summary).getByTestId("agreement-agreed").textContent).toBe("0");
    expect(within(summary).getByTestId("agreement-open").textContent).toBe("3");
    expect(within(summary).getByTestId("agreement-balance").textContent).toContain("80%");
    // A frozen round takes no more steps.
    expect(screen.queryByTestId("freeze-panel")).toBeNull();
    expect(screen.queryAllByTestId("propose-suggestion")).toHaveLength(0);
    expect((await screen.findByTestId("agreement-list")).textContent).toContain("Agreement 1");
  });

  it("refuses a review date that is not after today without calling the backend", async () => {
    const backend = setup();
    const panel = await screen.findByTestId("freeze-panel");
    await fireEvent.input(within(panel).getByTestId("freeze-threshold"), { target: { value: "90" } });
    await fireEvent.input(within(panel).getByTestId("freeze-review"), { target: { value: "2025-03-03" } });
    await fireEvent.click(within(panel).getByTestId("freeze-agreement"));
    expect(within(panel).getByTestId("freeze-problem").textContent).toContain("after today (2025-03-03)");
    expect(backend.callsTo("freeze_agreement")).toEqual([]);
  });

  it("hands over: locks this partner and unlocks the other, who then acts", async () => {
    const backend = setup();
    await item("prelude");
    expect(screen.getByTestId("acting-as").textContent).toContain("Acting as Acme");
    await fireEvent.click(screen.getByTestId("hand-over"));
    const input = await screen.findByTestId("passphrase-input");
    expect(backend.callsTo("lock_party")).toHaveLength(1);
    expect(screen.queryAllByTestId("negotiation-item")).toHaveLength(0);
    await fireEvent.input(input, { target: { value: "a long passphrase" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    await waitFor(() => expect(screen.getByTestId("acting-as").textContent).toContain("Acting as Globex"));
    expect(backend.callsTo("unlock_party").map((c) => c.args)).toEqual([
      { alliance: "a1", party: "p2", passphrase: "a long passphrase" },
    ]);
  });

  it("asks who continues when nobody is unlocked", async () => {
    setup(sampleNegotiation(), null);
    await fireEvent.click(await find('[data-testid="negotiate-as"][data-party="p2"]'));
    expect(await screen.findByTestId("passphrase-step")).toBeTruthy();
    expect(screen.getByText(/Enter your passphrase, Globex/)).toBeTruthy();
  });
});
