// Tests for the revisit section against the fake backend (mocked IPC): the review date and the
// cadence (presets, a number of days, the store's refusal), the empty state before any
// agreement, who checks in, the unlocked partner's drift, a check-in with the questionnaire's
// controls, opening a new round from the drift, and the history with versions, their
// differences, the timeline and the check-ins.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RoundView } from "../../lib/bindings/RoundView";
import { FakeBackend, T0, makeAlliance, sampleQuestionSet, sampleRevisitWithAgreement } from "../../test/fakeBackend";
import RevisitSection from "./RevisitSection.svelte";

const ALLIANCE = makeAlliance({ id: "a1", name: "Nordic Launch 2026" });

afterEach(() => {
  cleanup();
  clearMocks();
});

function roundView(unlocked: string | null, round = 1): RoundView {
  return {
    round,
    questions: 12,
    parties: ALLIANCE.parties.map((p) => ({ party: p.id, has_passphrase: true, started: true, answered: null, sealed_at: T0 })),
    all_sealed: true,
    unlocked,
  };
}

function setup(unlocked: string | null = "p1", agreement = true) {
  const backend = new FakeBackend([ALLIANCE]).install();
  backend.useQuestionSet("a1", sampleQuestionSet());
  if (agreement) backend.useRevisit("a1", unlocked);
  const onround = vi.fn();
  const onchanged = vi.fn();
  const result = render(RevisitSection, {
    allianceId: "a1",
    parties: ALLIANCE.parties,
    round: roundView(unlocked),
    onround,
    onchanged,
  });
  return { backend, onround, onchanged, ...result };
}

async function find(css: string): Promise<HTMLElement> {
  return await waitFor(() => {
    const found = document.querySelector<HTMLElement>(css);
    if (!found) throw new Error(`no ${css}`);
    return found;
  });
}

describe("RevisitSection", () => {
  it("shows the review date and sets the review interval from a preset or a number of days", async () => {
    const { backend, onchanged } = setup(null);
    expect((await find("[data-testid=next-review]")).textContent).toContain("Agreement 1");
    expect(screen.getByTestId("review-interval").textContent).toBe("every 6 months (182 days)");
    expect(screen.getByTestId("review-cadence").textContent).toContain("the default");

    await fireEvent.click(screen.getByTestId("change-interval"));
    const quarterly = screen.getAllByTestId("interval-preset").find((i) => (i as HTMLInputElement).value === "91")!;
    await fireEvent.click(quarterly);
    await fireEvent.click(screen.getByTestId("save-interval"));
    await waitFor(() => expect(screen.getByTestId("review-interval").textContent).toBe("quarterly (91 days)"));
    expect(backend.callsTo("set_review_interval").map((c) => c.args)).toEqual([{ alliance: "a1", days: 91 }]);
    expect(onchanged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("change-interval")));

    // Another number of days: the store refuses what is out of range, and says why.
    await fireEvent.click(screen.getByTestId("change-interval"));
    await fireEvent.click(screen.getByTestId("interval-other"));
    await fireEvent.input(await screen.findByTestId("interval-days"), { target: { value: "3" } });
    await fireEvent.click(screen.getByTestId("save-interval"));
    expect((await screen.findByTestId("interval-error")).textContent).toContain("7 to 1,830 days, not 3");
    await fireEvent.input(screen.getByTestId("interval-days"), { target: { value: "45" } });
    await fireEvent.click(screen.getByTestId("save-interval"));
    await waitFor(() => expect(screen.getByTestId("review-interval").textContent).toBe("every 45 days"));

    // Escape closes the form without saving.
    await fireEvent.click(screen.getByTestId("change-interval"));
    await fireEvent.keyDown(screen.getByTestId("save-interval"), { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("save-interval")).toBeNull());
    expect(backend.callsTo("set_review_interval")).toHaveLength(3);
  });

  it("explains what comes once an agreement is frozen, and offers no check-in before", async () => {
    const { backend } = setup("p1", false);
    expect((await find("[data-testid=revisit-empty]")).textContent).toContain("No agreement yet");
    expect(screen.queryByTestId("next-review")).toBeNull();
    expect(screen.queryByTestId("revisit-tab-check-in")).toBeNull();
    expect(backend.callsTo("get_drift")).toHaveLength(0);
  });

  it("asks who checks in when nobody is unlocked, and unlocks with that partner's passphrase", async () => {
    const { backend, onround, rerender } = setup(null);
    await fireEvent.click((await screen.findAllByTestId("revisit-as"))[1]);
    await fireEvent.input(await screen.findByTestId("passphrase-input"), { target: { value: "a long passphrase" } });
    await fireEvent.click(screen.getByTestId("passphrase-submit"));
    await waitFor(() => expect(onround).toHaveBeenCalled());
    expect(onround.mock.calls[0][0].unlocked).toBe("p2");
    expect(backend.callsTo("get_drift")).toHaveLength(0);

    await rerender({ round: roundView("p2") });
    expect((await screen.findByTestId("revisit-acting")).textContent).toContain("Globex");
    await screen.findByTestId("drift");
    expect(backend.callsTo("get_drift")).toHaveLength(1);
  });

  it("offers no check-in here for a partner who answers on their own machine", async () => {
    const backend = new FakeBackend([ALLIANCE]).install();
    backend.useRevisit("a1", null);
    render(RevisitSection, { allianceId: "a1", parties: ALLIANCE.parties, round: roundView(null), remoteParties: ["p2"] });
    const buttons = await screen.findAllByTestId("revisit-as");
    expect(buttons.map((b) => b.dataset.party)).toEqual(["p1"]);
  });

  it("shows the unlocked partner's drift: agreed against now, severity, verdict and since when", async () => {
    setup("p1");
    const item = await find("[data-testid=drift-item][data-question=prelude]");
    expect(item.dataset.verdict).toBe("conflict");
    expect(within(item).getByTestId("drift-agreed").textContent).toBe("yes");
    expect(within(item).getByTestId("drift-current").textContent).toBe("no");
    expect(within(item).getByTestId("drift-severity").textContent).toBe("severity 80 of 100");
    expect(within(item).getByTestId("drift-since").textContent).toMatch(/^since /);
    expect(item.textContent).toContain("Is this a prelude to a joint venture?");
    expect(screen.getByTestId("drift-summary").textContent).toContain("1 of 3");
  });

  it("records a check-in with the questionnaire's controls and shows the drift it leads to", async () => {
    const { backend } = setup("p1");
    await find("[data-testid=drift]");
    await fireEvent.click(screen.getByTestId("revisit-tab-check-in"));
    const form = await screen.findByTestId("check-in");
    const agreed = await within(form).findByTestId("check-in-agreed-value");
    expect(agreed.textContent).toContain("Agreed in agreement 1: yes");
    // Only agreed items at first; every question on request.
    expect(within(form).getAllByTestId("question")).toHaveLength(1);
    await fireEvent.click(within(form).getByTestId("check-in-all"));
    expect(within(form).getAllByTestId("question").length).toBe(sampleQuestionSet().questions.length);

    const prelude = form.querySelector<HTMLInputElement>('[data-question=prelude] input[type=radio][value="no"]')!;
    await fireEvent.click(prelude);
    expect(within(form).getByTestId("check-in-state").textContent).toContain("not recorded yet");
    await fireEvent.click(within(form).getByTestId("record-check-in"));

    expect((await screen.findByTestId("revisit-notice")).textContent).toContain("1 agreed item has moved");
    const sheet = backend.checkInSheets[0].sheet;
    expect(sheet.party).toBe("p1");
    expect(sheet.answers.find((a) => a.question === "prelude")?.value).toEqual({ type: "yes_no", value: "no" });
    expect(screen.getByTestId("revisit-tab-drift").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("check-in").closest("[role=tabpanel]")?.hasAttribute("hidden")).toBe(true);
  });

  it("keeps what was typed across tabs, and when the check-in is refused", async () => {
    const { backend } = setup("p1");
    backend.failures.set("record_check_in", { code: "Locked", message: "this partner is locked; unlock with their passphrase" });
    await fireEvent.click(await screen.findByTestId("revisit-tab-check-in"));
    const form = await screen.findByTestId("check-in");
    await within(form).findByTestId("check-in-agreed-value");
    await fireEvent.click(form.querySelector<HTMLInputElement>('[data-question=prelude] input[type=radio][value="no"]')!);
    await fireEvent.click(screen.getByTestId("revisit-tab-history"));
    await fireEvent.click(screen.getByTestId("revisit-tab-check-in"));
    expect(form.isConnected).toBe(true);
    await fireEvent.click(within(form).getByTestId("record-check-in"));
    expect((await screen.findByTestId("check-in-error")).textContent).toContain("Unlock first");
    expect(form.querySelector<HTMLInputElement>('[data-question=prelude] input[type=radio][value="no"]')!.checked).toBe(true);
  });

  it("opens a new round from the drift view after a confirm step", async () => {
    const { backend, onround } = setup("p1");
    await fireEvent.click(await screen.findByTestId("drift-open-round"));
    expect(backend.callsTo("open_next_round")).toHaveLength(0);
    const confirm = await screen.findByTestId("next-round-confirm");
    expect(document.activeElement).toBe(confirm);
    await fireEvent.click(confirm);
    await waitFor(() => expect(onround).toHaveBeenCalled());
    expect(backend.callsTo("open_next_round")).toHaveLength(1);
    expect((await screen.findByTestId("revisit-notice")).textContent).toContain("Round 2 is open");
  });

  it("says a new round is under way instead of offering another", async () => {
    const backend = new FakeBackend([ALLIANCE]).install();
    backend.useRevisit("a1", "p1");
    render(RevisitSection, { allianceId: "a1", parties: ALLIANCE.parties, round: { ...roundView("p1", 2), all_sealed: false } });
    expect((await screen.findByTestId("next-round-open")).textContent).toContain("Round 2 is open");
    expect(screen.queryByTestId("drift-open-round")).toBeNull();
  });

  it("shows the history: versions and what changed between two, the timeline and the check-ins", async () => {
    const backend = new FakeBackend([ALLIANCE]).install();
    backend.useRevisit("a1", "p1");
    const revisit = sampleRevisitWithAgreement();
    revisit.agreements.push({ ...revisit.agreements[0], number: 2, round: 2, hash: "ab".repeat(32) });
    backend.revisits.set("a1", revisit);
    const score = (value: number) => ({ score: value, aligned: 0, compatible: 0, divergent: 0, conflict: 0, unanswered: 0 });
    backend.histories.set("a1", {
      acting_as: "p1",
      check_ins: [{ revision: 1, at: T0 + 86_400_000, agreement: 1, drifted: 1, holding: 2 }],
      timeline: [
        { at: T0, label: "Round 1", overall: score(60), categories: [{ category: "money", title: "Money", score: score(40) }] },
        { at: T0 + 86_400_000, label: "Check-in, Acme", overall: score(55), categories: [{ category: "money", title: "Money", score: score(30) }] },
      ],
    });
    backend.versionChanges = [{ change: "changed", question: "hours", text: "Hours a week?", before: "10 hours per week", now: "15 hours per week" }];
    render(RevisitSection, { allianceId: "a1", parties: ALLIANCE.parties, round: roundView("p1", 2) });

    await fireEvent.click(await screen.findByTestId("revisit-tab-history"));
    expect(await screen.findAllByTestId("agreement-version")).toHaveLength(2);
    await fireEvent.click(screen.getByTestId("diff-agreements"));
    const change = await screen.findByTestId("version-change");
    expect(change.textContent).toContain("10 hours per week → 15 hours per week");
    expect(backend.callsTo("diff_agreements")[0].args).toEqual({ alliance: "a1", older: 1, newer: 2 });

    const chart = await screen.findByTestId("timeline-chart");
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.querySelector("desc")?.textContent).toContain("from 60 at Round 1 to 55 at Check-in, Acme");
    expect(screen.getAllByTestId("timeline-row")).toHaveLength(2);
    expect(screen.queryByTestId("timeline-category-line")).toBeNull();
    await fireEvent.change(screen.getByTestId("timeline-category"), { target: { value: "money" } });
    await screen.findByTestId("timeline-category-line");
    expect(screen.getByTestId("check-in-entry").textContent).toContain("1 item moved, 2 holding");
  });
});
