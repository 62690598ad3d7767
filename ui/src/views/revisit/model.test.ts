// Tests for the revisit views' pure helpers: intervals and dates in words, what changed between
// two agreement versions, and the timeline's series, positions and broken lines.
import { describe, expect, it } from "vitest";
import type { TimelinePoint } from "../../lib/bindings/TimelinePoint";
import { CHART, anchorAt, describeChange, describeInterval, formatDay, labelledPoints, linePath, timelineSeries, xAt, yAt } from "./model";

const score = (value: number | null) => ({ score: value, aligned: 0, compatible: 0, divergent: 0, conflict: 0, unanswered: 0 });

function point(at: number, label: string, overall: number | null, money: number | null): TimelinePoint {
  return {
    at,
    label,
    overall: score(overall),
    categories: money === null ? [] : [{ category: "money", title: "Money", score: score(money) }],
  };
}

describe("revisit model", () => {
  it("names intervals by their preset and otherwise in days", () => {
    expect(describeInterval(182)).toBe("every 6 months (182 days)");
    expect(describeInterval(14)).toBe("every 2 weeks (14 days)");
    expect(describeInterval(45)).toBe("every 45 days");
  });

  it("formats calendar dates without shifting them by the time zone", () => {
    expect(formatDay("2026-12-01")).toMatch(/2026/);
    expect(formatDay("2026-12-01")).toMatch(/1/);
    expect(formatDay("not a date")).toBe("not a date");
  });

  it("describes each kind of change between versions", () => {
    expect(describeChange({ change: "agreed", question: "q", text: "Q?", now: "yes" })).toEqual({
      mark: "+",
      label: "Newly agreed",
      detail: "yes",
    });
    expect(describeChange({ change: "changed", question: "q", text: "Q?", before: "2", now: "3" }).detail).toBe("2 → 3");
    expect(describeChange({ change: "reopened", question: "q", text: "Q?", before: "no" }).detail).toBe("was no");
  });

  it("collects the overall series and every category, missing where a point has none", () => {
    const { overall, categories } = timelineSeries([point(1, "Round 1", 70, 50), point(2, "Check-in", 60, null)]);
    expect(overall.values).toEqual([70, 60]);
    expect(categories).toEqual([{ id: "money", label: "Money", values: [50, null] }]);
  });

  it("places points across the chart and breaks the line where a value is missing", () => {
    expect(xAt(0, 3)).toBe(CHART.left);
    expect(xAt(2, 3)).toBe(CHART.width - CHART.right);
    expect(xAt(0, 1)).toBeGreaterThan(CHART.left);
    expect(yAt(100)).toBe(CHART.top);
    expect(yAt(0)).toBe(CHART.height - CHART.bottom);
    expect(yAt(150)).toBe(CHART.top);
    const path = linePath([100, null, 0, 0]);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(1);
    expect(linePath([null, null])).toBe("");
  });

  it("aligns the labels at either end inwards", () => {
    expect([0, 1, 2].map((i) => anchorAt(i, 3))).toEqual(["start", "middle", "end"]);
    expect(anchorAt(0, 1)).toBe("middle");
  });

  it("labels every point while they fit, then every k-th and always the last", () => {
    expect([...labelledPoints(3)]).toEqual([0, 1, 2]);
    const many = labelledPoints(20);
    expect(many.has(0)).toBe(true);
    expect(many.has(19)).toBe(true);
    expect(many.size).toBeLessThanOrEqual(9);
    expect(labelledPoints(0).size).toBe(0);
  });
});
