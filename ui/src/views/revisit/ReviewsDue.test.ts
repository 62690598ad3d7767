// Tests for reviews that are due, in the app shell: a badge on each such alliance in the list,
// and a notice at start that names them, opens one, and is dismissed with Escape.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../../App.svelte";
import { FakeBackend, makeAlliance } from "../../test/fakeBackend";

vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

afterEach(() => {
  cleanup();
  clearMocks();
});

function setup() {
  const backend = new FakeBackend([
    makeAlliance({ id: "a1", name: "Nordic launch" }),
    makeAlliance({ id: "a2", name: "Old channel" }),
    makeAlliance({ id: "a3", name: "Quiet deal" }),
  ]).install();
  backend.reviewsDue = [
    { alliance: "a2", name: "Old channel", agreement: 2, review_on: "2025-02-01", overdue: true },
    { alliance: "a1", name: "Nordic launch", agreement: 1, review_on: "2025-03-10", overdue: false },
  ];
  render(App);
  return backend;
}

function item(name: string): HTMLElement {
  return screen.getAllByTestId("alliance-list-item").find((i) => i.textContent?.includes(name))!;
}

describe("reviews due", () => {
  it("marks each alliance whose review is near or past in the list", async () => {
    setup();
    await waitFor(() => expect(screen.getAllByTestId("review-badge")).toHaveLength(2));
    expect(within(item("Old channel")).getByTestId("review-badge").textContent).toContain("Review overdue");
    expect(within(item("Nordic launch")).getByTestId("review-badge").textContent).toContain("Review due");
    expect(within(item("Nordic launch")).getByTestId("review-badge").textContent).toContain("agreement 1");
    expect(within(item("Quiet deal")).queryByTestId("review-badge")).toBeNull();
  });

  it("names them at start, with the focus on the notice so Escape dismisses it", async () => {
    setup();
    const notice = await screen.findByTestId("reviews-due-notice");
    expect(notice.textContent).toContain("2 agreements are due for review");
    expect(screen.getAllByTestId("reviews-due-item")[0].textContent).toContain("(overdue)");
    await waitFor(() => expect(document.activeElement).toBe(notice));
    await fireEvent.keyDown(notice, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("reviews-due-notice")).toBeNull());
    // The badges stay.
    expect(screen.getAllByTestId("review-badge")).toHaveLength(2);
  });

  it("opens an alliance from the notice, and is dismissed by its button too", async () => {
    setup();
    const notice = await screen.findByTestId("reviews-due-notice");
    await fireEvent.click(within(notice).getAllByRole("button", { name: "Open" })[1]);
    expect((await screen.findByTestId("alliance-title")).textContent).toBe("Nordic launch");
    expect(screen.queryByTestId("reviews-due-notice")).toBeNull();
  });

  it("shows no notice when nothing is due", async () => {
    new FakeBackend([makeAlliance({ id: "a1", name: "Nordic launch" })]).install();
    render(App);
    await screen.findByTestId("alliance-list-item");
    expect(screen.queryByTestId("reviews-due-notice")).toBeNull();
    expect(screen.queryByTestId("review-badge")).toBeNull();
  });
});
