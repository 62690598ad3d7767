// Tests for the sidebar list on its own: items are buttons that open an alliance, and deleted
// alliances stay hidden unless "Show deleted" is on, whatever the caller passes in.
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeAlliance } from "../test/fakeBackend";
import AllianceList from "./AllianceList.svelte";

afterEach(cleanup);

const alliances = [
  makeAlliance({ id: "a1", name: "Nordic launch", kind: "co-marketing" }),
  makeAlliance({ id: "a2", name: "Old channel", kind: "reseller", deleted: true }),
];

describe("AllianceList", () => {
  it("hides deleted alliances unless showDeleted is set", () => {
    const { unmount } = render(AllianceList, { alliances, onselect: vi.fn(), onnew: vi.fn() });
    expect(screen.getAllByTestId("alliance-list-item").map((b) => b.querySelector(".name")?.textContent)).toEqual([
      "Nordic launch",
    ]);
    unmount();

    render(AllianceList, { alliances, showDeleted: true, onselect: vi.fn(), onnew: vi.fn() });
    const items = screen.getAllByTestId("alliance-list-item");
    expect(items).toHaveLength(2);
    expect(items[1].textContent).toContain("Deleted");
    expect(items[1].textContent).toContain("Reseller / channel");
  });

  it("opens an alliance and starts a new one from its buttons", async () => {
    const onselect = vi.fn();
    const onnew = vi.fn();
    render(AllianceList, { alliances, selectedId: "a1", onselect, onnew });

    await fireEvent.click(screen.getByTestId("alliance-list-item"));
    await fireEvent.click(screen.getByTestId("new-alliance"));

    expect(onselect).toHaveBeenCalledWith("a1");
    expect(onnew).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("alliance-list-item").getAttribute("aria-current")).toBe("page");
  });
});
