// Pure helpers of the revisit views: review intervals in words, dates in words, and the
// geometry of the timeline chart. What drifted, what is due and the alignment scores are the
// backend's; these only decide how to show them.
import type { TimelinePoint } from "../../lib/bindings/TimelinePoint";
import type { VersionChange } from "../../lib/bindings/VersionChange";

/** The review intervals offered first; any other number of days in the store's range works too. */
export const INTERVAL_PRESETS: { days: number; label: string }[] = [
  { days: 14, label: "Every 2 weeks" },
  { days: 30, label: "Monthly" },
  { days: 91, label: "Quarterly" },
  { days: 182, label: "Every 6 months" },
  { days: 365, label: "Yearly" },
  { days: 730, label: "Every 2 years" },
];

/** "every 6 months (182 days)", "every 45 days". */
export function describeInterval(days: number): string {
  const preset = INTERVAL_PRESETS.find((p) => p.days === days);
  const unit = days === 1 ? "day" : "days";
  if (!preset) return `every ${days} ${unit}`;
  return `${preset.label.toLowerCase()} (${days} ${unit})`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** A calendar date `YYYY-MM-DD` in the user's words ("1 Dec 2026"); anything else as given. */
export function formatDay(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return dayFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** A review's state in words: "Review overdue", "Review due". */
export function reviewLabel(review: { overdue: boolean }): string {
  return review.overdue ? "Review overdue" : "Review due";
}

/** The words for one change between two agreement versions. */
export function describeChange(change: VersionChange): { mark: string; label: string; detail: string } {
  switch (change.change) {
    case "agreed":
      return { mark: "+", label: "Newly agreed", detail: change.now };
    case "changed":
      return { mark: "~", label: "Changed", detail: `${change.before} → ${change.now}` };
    case "reopened":
      return { mark: "−", label: "No longer agreed", detail: `was ${change.before}` };
    default: {
      const unreachable: never = change;
      return unreachable;
    }
  }
}

// The timeline chart: a fixed coordinate system the SVG scales to its width.
export const CHART = { width: 640, height: 220, left: 40, right: 16, top: 12, bottom: 36 } as const;

export type Series = { id: string; label: string; values: (number | null)[] };

/** The overall score and each category's, one value per point (null where nothing was answered). */
export function timelineSeries(points: TimelinePoint[]): { overall: Series; categories: Series[] } {
  const overall: Series = { id: "overall", label: "Overall", values: points.map((p) => p.overall.score) };
  const titles = new Map<string, string>();
  for (const point of points) for (const c of point.categories) if (!titles.has(c.category)) titles.set(c.category, c.title);
  const categories = [...titles].map(([id, label]) => ({
    id,
    label,
    values: points.map((p) => p.categories.find((c) => c.category === id)?.score.score ?? null),
  }));
  return { overall, categories };
}

/** The x position of point `index` of `count`, spread evenly (one point sits in the middle). */
export function xAt(index: number, count: number): number {
  const span = CHART.width - CHART.left - CHART.right;
  if (count <= 1) return CHART.left + span / 2;
  return CHART.left + (span * index) / (count - 1);
}

/** How a point's x-axis label aligns: inwards at either end, so the chart's edges do not clip it. */
export function anchorAt(index: number, count: number): "start" | "middle" | "end" {
  if (count <= 1) return "middle";
  if (index === 0) return "start";
  return index === count - 1 ? "end" : "middle";
}

/** The y position of a 0-100 score. */
export function yAt(score: number): number {
  const span = CHART.height - CHART.top - CHART.bottom;
  const clamped = Math.max(0, Math.min(100, score));
  return CHART.top + span * (1 - clamped / 100);
}

/** An SVG path through the values, broken where a value is missing. */
export function linePath(values: (number | null)[]): string {
  const parts: string[] = [];
  let pen = false;
  values.forEach((value, index) => {
    if (value === null) {
      pen = false;
      return;
    }
    parts.push(`${pen ? "L" : "M"}${round(xAt(index, values.length))} ${round(yAt(value))}`);
    pen = true;
  });
  return parts.join(" ");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Which points get an x-axis label: all of them while they fit, else every k-th and the last. */
export function labelledPoints(count: number, room = 8): Set<number> {
  const step = Math.max(1, Math.ceil(count / room));
  const shown = new Set<number>();
  let previous = -1;
  for (let i = 0; i < count; i += step) {
    shown.add(i);
    previous = i;
  }
  if (count > 0 && previous !== count - 1) {
    // The last point is always named; the one before makes room if it would crowd it.
    if (count - 1 - previous < step) shown.delete(previous);
    shown.add(count - 1);
  }
  return shown;
}
