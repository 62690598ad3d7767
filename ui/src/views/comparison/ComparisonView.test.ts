// Tests for the comparison view, against the demo comparison the CLI produces
// (`accord demo --format json`). chart.js is mocked: jsdom has no canvas.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Comparison } from "../../lib/bindings/Comparison";
import type { Gap } from "../../lib/bindings/Gap";
import type { Verdict } from "../../lib/bindings/Verdict";
import ComparisonView from "./ComparisonView.svelte";
import demo from "./fixtures/demo-comparison.json";
import { VERDICTS } from "./verdicts";

const charts = vi.hoisted(() => ({
  instances: [] as { canvas: unknown; config: any; destroyed: boolean; updates: number }[],
  registered: [] as unknown[],
}));

vi.mock("chart.js", () => {
  class Chart {
    static register(...items: unknown[]) {
      charts.registered.push(...items);
    }
    data: any;
    options: any;
    private record: { canvas: unknown; config: any; destroyed: boolean; updates: number };
    constructor(canvas: unknown, config: any) {
      this.data = config.data;
      this.options = config.options;
      this.record = { canvas, config, destroyed: false, updates: 0 };
      charts.instances.push(this.record);
    }
    update() {
      this.record.updates++;
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  const part = (name: string) => ({ id: name });
  return {
    Chart,
    BarController: part("bar"),
    BarElement: part("barElement"),
    CategoryScale: part("category"),
    LinearScale: part("linear"),
    Tooltip: part("tooltip"),
  };
});

const comparison = demo as Comparison;

beforeEach(() => {
  charts.instances.length = 0;
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function rows(): HTMLElement[] {
  return screen.queryAllByTestId("gap-row");
}

function severities(): number[] {
  const byId = new Map(comparison.gaps.map((g) => [g.question, g.severity]));
  return rows().map((r) => byId.get(r.dataset.question!)!);
}

function verdictBox(verdict: Verdict): HTMLInputElement {
  return screen.getAllByTestId("verdict-filter").find((el) => el.dataset.verdict === verdict) as HTMLInputElement;
}

function count(): string {
  return screen.getByTestId("gap-count").textContent ?? "";
}

describe("ComparisonView", () => {
  it("shows both partners and the overall score", () => {
    render(ComparisonView, { comparison });
    const view = screen.getByTestId("comparison");
    expect(within(view).getByRole("heading", { level: 2 }).textContent).toMatch(
      /Northwind Advisory\s+compared with\s+Lumen Analytics/,
    );
    expect(screen.getByTestId("overall-score").textContent).toContain("69");
  });

  it("renders every gap of the fixture, most severe first", () => {
    render(ComparisonView, { comparison });
    expect(rows()).toHaveLength(comparison.gaps.length);
    expect(new Set(rows().map((r) => r.dataset.question))).toEqual(new Set(comparison.gaps.map((g) => g.question)));
    const got = severities();
    expect(got).toEqual([...got].sort((x, y) => y - x));
    expect(rows()[0].dataset.question).toBe("event-leads");
    expect(rows()[0].dataset.verdict).toBe("conflict");
    expect(count()).toContain(`Showing ${comparison.gaps.length} of ${comparison.gaps.length}`);
  });

  it("shows both answers side by side with the reason", () => {
    render(ComparisonView, { comparison });
    const row = rows().find((r) => r.dataset.question === "fair-effort-split")!;
    expect(row.textContent).toContain("Northwind Advisory 50 / Lumen Analytics 50");
    expect(row.textContent).toContain("Northwind Advisory 60 / Lumen Analytics 40");
    expect(row.textContent).toContain("up to 10 points apart");
    expect(row.textContent).toContain("severity 25");
    expect(row.textContent).toContain("Costs are shared fairly between the partners");
  });

  it("shows every verdict as a glyph and a word, not colour alone", () => {
    render(ComparisonView, { comparison });
    for (const row of rows()) {
      const verdict = row.dataset.verdict as Verdict;
      const badge = row.querySelector(".badge")!;
      expect(badge.textContent).toContain(VERDICTS[verdict].label);
      const glyph = badge.querySelector('[aria-hidden="true"]')!;
      expect(glyph.textContent).toBe(VERDICTS[verdict].icon);
    }
    const seen = new Set(rows().map((r) => r.dataset.verdict));
    expect(seen).toEqual(new Set(["aligned", "compatible", "divergent", "conflict", "unanswered"]));
  });

  it("filters by verdict and updates the count", async () => {
    render(ComparisonView, { comparison });
    const unanswered = comparison.gaps.filter((g) => g.verdict === "unanswered").length;
    await fireEvent.click(verdictBox("unanswered"));
    expect(rows()).toHaveLength(comparison.gaps.length - unanswered);
    expect(rows().some((r) => r.dataset.verdict === "unanswered")).toBe(false);
    expect(count()).toContain(`Showing ${comparison.gaps.length - unanswered} of ${comparison.gaps.length}`);

    for (const v of ["aligned", "compatible", "divergent"] as Verdict[]) await fireEvent.click(verdictBox(v));
    expect(rows().map((r) => r.dataset.verdict)).toEqual(
      comparison.gaps.filter((g) => g.verdict === "conflict").map(() => "conflict"),
    );

    await fireEvent.click(screen.getByTestId("reset-filters"));
    expect(rows()).toHaveLength(comparison.gaps.length);
  });

  it("filters by category", async () => {
    render(ComparisonView, { comparison });
    await fireEvent.change(screen.getByTestId("category-filter"), { target: { value: "money" } });
    const money = comparison.gaps.filter((g) => g.category === "money");
    expect(rows()).toHaveLength(money.length);
    expect(new Set(rows().map((r) => r.dataset.question))).toEqual(new Set(money.map((g) => g.question)));
    expect(count()).toContain(`Showing ${money.length} of ${comparison.gaps.length}`);
  });

  it("filters by paper term, combined with the verdict filter", async () => {
    render(ComparisonView, { comparison });
    const select = screen.getByTestId("term-filter") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toContain("Costs are shared fairly between the partners");
    await fireEvent.change(select, { target: { value: "t1" } });
    const linked = comparison.gaps.filter((g) => g.term === "t1");
    expect(new Set(rows().map((r) => r.dataset.question))).toEqual(new Set(linked.map((g) => g.question)));
    expect(rows().slice(0, 3).map((r) => r.dataset.question)).toEqual([
      "money-pays-first",
      "money-cost-split",
      "fair-effort-split",
    ]);
    expect(count()).toContain(`Showing ${linked.length} of ${comparison.gaps.length}`);

    await fireEvent.click(verdictBox("conflict"));
    await fireEvent.click(verdictBox("unanswered"));
    await fireEvent.click(verdictBox("aligned"));
    expect(rows().map((r) => r.dataset.question)).toEqual(["fair-effort-split"]);
    expect(count()).toContain(`Showing 1 of ${comparison.gaps.length}`);
  });

  it("shows the give/get balance with the imbalance explained", () => {
    render(ComparisonView, { comparison });
    const balance = screen.getByTestId("balance");
    expect(balance.textContent).toContain("imbalanced");
    expect(balance.textContent).toContain("gives far more than it gets");
    expect(balance.textContent).toContain("37.5%");
    expect(balance.textContent).toContain(comparison.balance[0].reason);
    expect(within(balance).getAllByTestId("balance-party")).toHaveLength(2);
  });

  it("lists paper terms that diverge in practice, worst first, and perception gaps", () => {
    render(ComparisonView, { comparison });
    const terms = within(screen.getByTestId("paper-terms")).getAllByTestId("paper-term");
    expect(terms[0].dataset.term).toBe("t13");
    expect(terms[0].textContent).toContain("Leads from the event are shared");
    expect(terms[1].dataset.term).toBe("t1");
    expect(terms[1].textContent).toContain("Which side pays suppliers first");
    expect(terms[1].textContent).toContain("conflict");

    const perception = screen.getByTestId("perception-gaps");
    expect(perception.textContent).toContain(
      "Northwind Advisory thought Lumen Analytics would answer weekly (52 a year); Lumen Analytics answered quarterly (4 a year)",
    );
    expect(perception.textContent).toContain("Lumen Analytics rightly expected Northwind Advisory");
  });

  it("shows a word-level text diff when there is one", () => {
    render(ComparisonView, { comparison });
    const row = rows().find((r) => r.dataset.question === "success-picture")!;
    const diff = within(row).getByTestId("text-diff");
    expect(diff.textContent).toContain("5%");
    expect(diff.querySelectorAll("del")).toHaveLength(11);
    expect(diff.querySelectorAll("ins")).toHaveLength(10);
  });

  it("draws the category chart with token colours and destroys it on unmount", () => {
    // jsdom does not cascade custom properties, so stand in for the stylesheet.
    const real = window.getComputedStyle;
    const spy = vi.spyOn(window, "getComputedStyle").mockImplementation((element, pseudo) => {
      const style = real(element, pseudo);
      const get = style.getPropertyValue.bind(style);
      style.getPropertyValue = (name: string) => (name === "--color-accent" ? " #123456" : get(name));
      return style;
    });
    const { unmount } = render(ComparisonView, { comparison });
    const canvas = screen.getByTestId("category-chart");
    expect(canvas.tagName).toBe("CANVAS");
    expect(charts.instances).toHaveLength(1);
    const chart = charts.instances[0];
    expect(chart.canvas).toBe(canvas);
    expect(chart.config.data.labels).toEqual(comparison.categories.map((c) => c.title));
    expect(chart.config.data.datasets[0].data).toEqual(comparison.categories.map((c) => c.score.score));
    expect(chart.config.data.datasets[0].backgroundColor).toBe("#123456");
    expect(charts.registered).toHaveLength(5);

    // The same numbers as an accessible table.
    const table = screen.getByRole("table", { name: /score and verdict counts per category/ });
    expect(within(table).getAllByTestId("category-score")).toHaveLength(comparison.categories.length);
    expect(within(table).getByText("Decisions").closest("tr")!.textContent).toContain("13");

    unmount();
    expect(chart.destroyed).toBe(true);
    spy.mockRestore();
  });

  it("renders 500 gaps and filters them quickly", async () => {
    const verdicts: Verdict[] = ["aligned", "compatible", "divergent", "conflict", "unanswered"];
    const template = comparison.gaps[3];
    const gaps: Gap[] = Array.from({ length: 500 }, (_, i) => ({
      ...template,
      question: `q-${i}`,
      category: comparison.categories[i % comparison.categories.length].category,
      verdict: verdicts[i % verdicts.length],
      severity: (i * 37) % 101,
    }));
    const big: Comparison = { ...comparison, gaps };
    const started = performance.now();
    render(ComparisonView, { comparison: big });
    expect(rows()).toHaveLength(500);
    await fireEvent.click(verdictBox("aligned"));
    expect(rows()).toHaveLength(400);
    expect(performance.now() - started).toBeLessThan(3000);
    const byId = new Map(gaps.map((g) => [g.question, g.severity]));
    const got = rows().map((r) => byId.get(r.dataset.question!)!);
    expect(got).toEqual([...got].sort((x, y) => y - x));
  });
});
