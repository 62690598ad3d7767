// Tests for kind labels and the change/date formatting helpers.
import { describe, expect, it } from "vitest";
import { describeChange, formatTimestamp, isoTimestamp } from "./format";
import { KINDS, kindLabel } from "./kinds";

describe("kinds", () => {
  it("labels every kind, in the order the form offers them", () => {
    expect(KINDS.map(kindLabel)).toEqual([
      "Co-marketing / event",
      "Reseller / channel",
      "Development partnership",
      "Joint venture",
      "Consortium",
      "Other",
    ]);
  });
});

describe("format", () => {
  it("describes each kind of change", () => {
    expect(describeChange({ type: "created" })).toBe("Created");
    expect(describeChange({ type: "renamed", from: "Old", to: "New" })).toBe('Renamed from "Old" to "New"');
    expect(describeChange({ type: "deleted" })).toBe("Deleted");
    expect(describeChange({ type: "restored" })).toBe("Restored");
  });

  it("formats timestamps in milliseconds", () => {
    const ms = Date.UTC(2025, 2, 3, 14, 5);
    expect(isoTimestamp(ms)).toBe("2025-03-03T14:05:00.000Z");
    expect(formatTimestamp(ms)).toMatch(/2025/);
  });
});
