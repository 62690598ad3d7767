import { describe, expect, it } from "vitest";
import type { ItemStatus } from "../../lib/bindings/ItemStatus";
import { agreedValue, blocking, favours, moves, originLabel, possessive, sixMonthsAfter } from "./model";

const PARTIES = [
  { id: "p1", name: "Acme" },
  { id: "p2", name: "Globex" },
];

describe("negotiation model", () => {
  it("puts the review date six months later, on a day every month has", () => {
    expect(sixMonthsAfter("2026-11-23")).toBe("2027-05-23");
    expect(sixMonthsAfter("2026-08-31")).toBe("2027-02-28");
    expect(sixMonthsAfter("2026-01-15")).toBe("2026-07-15");
    expect(sixMonthsAfter("")).toBe("");
  });

  it("names parties by id in a value entered from one partner's side, and drops the zone", () => {
    expect(agreedValue({ type: "party", value: "me", accept: ["both"] }, "p2", PARTIES)).toEqual({ type: "party", value: "p2" });
    expect(agreedValue({ type: "party", value: "partner" }, "p2", PARTIES)).toEqual({ type: "party", value: "p1" });
    expect(agreedValue({ type: "share", split: { me: 60, partner: 40 }, accept_min: 50 }, "p1", PARTIES)).toEqual({
      type: "share",
      split: { p1: 60, p2: 40 },
    });
    expect(agreedValue({ type: "yes_no", value: "yes", accept: ["unsure"] }, "p1", PARTIES)).toEqual({ type: "yes_no", value: "yes" });
  });

  it("offers the moves the workflow allows the acting partner", () => {
    const proposal = { by: "p1", value: { type: "yes_no", value: "yes" } as const, shown: "yes", comment: null };
    const proposed: ItemStatus = { status: "proposed", proposal };
    expect(moves({ status: "open", last: null }, "p1", false)).toEqual({ propose: true, respond: false, waiting: false });
    expect(moves(proposed, "p1", false)).toEqual({ propose: true, respond: false, waiting: true });
    expect(moves(proposed, "p2", false)).toEqual({ propose: false, respond: true, waiting: false });
    expect(moves(proposed, "p2", true)).toEqual({ propose: false, respond: false, waiting: false });
    expect(moves({ status: "agreed", proposal, accepted_by: "p2", comment: null }, "p1", false).propose).toBe(false);
  });

  it("blocks on items at or above the threshold, and says whom a value favours", () => {
    const unresolved = [
      { question: "a", text: "A", severity: 80 },
      { question: "b", text: "B", severity: 40 },
      { question: "c", text: "C", severity: 39 },
    ];
    expect(blocking(unresolved, 40).map((u) => u.question)).toEqual(["a", "b"]);
    expect(favours(1, 0.2, "Acme", "Globex")).toBe("favours Acme");
    expect(favours(0.6, 0.65, "Acme", "Globex")).toBe("even");
    expect(possessive("Lumen Analytics")).toBe("Lumen Analytics'");
    expect(originLabel({ kind: "first_choice", side: "b" }, "Acme", "Lumen Analytics")).toBe("Lumen Analytics' first choice");
  });
});
