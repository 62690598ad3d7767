import { describe, expect, it } from "vitest";
import type { ItemStatus } from "../../lib/bindings/ItemStatus";
import { blocking, favours, moves, originLabel, possessive } from "./model";

describe("negotiation model", () => {
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
