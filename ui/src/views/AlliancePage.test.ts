// Tests for the alliance page: what it shows, rename (Enter saves, Escape cancels), delete with a
// confirm step, restore, and inline errors with a hint.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeBackend, makeAlliance } from "../test/fakeBackend";
import AlliancePage from "./AlliancePage.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

function seeded() {
  return new FakeBackend([
    makeAlliance({
      id: "a1",
      name: "Nordic launch",
      kind: "co-marketing",
      terms: [
        { id: "t1", text: "Revenue split 50/50" },
        { id: "t2", text: "Launch in March" },
      ],
    }),
  ]).install();
}

describe("AlliancePage", () => {
  it("shows name, kind, partners, numbered terms, revision and history", async () => {
    seeded();
    render(AlliancePage, { id: "a1" });

    expect((await screen.findByTestId("alliance-title")).textContent).toBe("Nordic launch");
    expect(screen.getByText("Co-marketing / event")).toBeTruthy();
    const partners = screen.getAllByTestId("alliance-partner").map((li) => li.textContent);
    expect(partners).toEqual(["Acme", "Globex"]);
    const terms = screen.getByTestId("alliance-terms");
    expect(terms.tagName).toBe("OL");
    expect(screen.getAllByTestId("alliance-term").map((li) => li.textContent)).toEqual([
      "Revenue split 50/50",
      "Launch in March",
    ]);
    expect(screen.getByTestId("alliance-revision").textContent).toBe("1");
    expect(screen.getByTestId("history-entry").textContent).toContain("Created");
  });

  it("renames with Enter and records it in the history", async () => {
    const backend = seeded();
    const onchanged = vi.fn();
    render(AlliancePage, { id: "a1", onchanged });

    await fireEvent.click(await screen.findByTestId("rename-button"));
    const input = screen.getByTestId("rename-input") as HTMLInputElement;
    expect(input.value).toBe("Nordic launch");
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: "  Nordic relaunch " } });
    await fireEvent.submit(input.form!);

    await waitFor(() => expect(screen.getByTestId("alliance-title").textContent).toBe("Nordic relaunch"));
    expect(backend.callsTo("rename_alliance")).toEqual([
      { cmd: "rename_alliance", args: { id: "a1", name: "Nordic relaunch" } },
    ]);
    expect(onchanged).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("alliance-history").textContent).toContain(
      'Renamed from "Nordic launch" to "Nordic relaunch"',
    );
    expect(screen.getByTestId("alliance-revision").textContent).toBe("2");
  });

  it("cancels a rename with Escape without calling the backend", async () => {
    const backend = seeded();
    render(AlliancePage, { id: "a1" });

    await fireEvent.click(await screen.findByTestId("rename-button"));
    const input = screen.getByTestId("rename-input");
    await fireEvent.input(input, { target: { value: "Something else" } });
    await fireEvent.keyDown(input, { key: "Escape" });

    expect(screen.queryByTestId("rename-input")).toBeNull();
    expect(screen.getByTestId("alliance-title").textContent).toBe("Nordic launch");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("rename-button")));
    expect(backend.callsTo("rename_alliance")).toHaveLength(0);
  });

  it("deletes only after confirming, then offers Restore", async () => {
    const backend = seeded();
    render(AlliancePage, { id: "a1" });

    await fireEvent.click(await screen.findByTestId("delete-button"));
    expect(backend.callsTo("delete_alliance")).toHaveLength(0);

    // Escape backs out of the confirmation.
    await fireEvent.keyDown(screen.getByTestId("delete-confirm"), { key: "Escape" });
    expect(screen.queryByTestId("delete-confirm")).toBeNull();

    await fireEvent.click(screen.getByTestId("delete-button"));
    await fireEvent.click(screen.getByTestId("delete-confirm"));

    expect(await screen.findByText(/This alliance is deleted/)).toBeTruthy();
    expect(backend.callsTo("delete_alliance")).toEqual([{ cmd: "delete_alliance", args: { id: "a1" } }]);
    expect(screen.queryByTestId("rename-button")).toBeNull();

    await fireEvent.click(screen.getByTestId("restore-button"));
    await waitFor(() => expect(screen.queryByTestId("restore-button")).toBeNull());
    expect(backend.callsTo("restore_alliance")).toEqual([{ cmd: "restore_alliance", args: { id: "a1" } }]);
    const history = screen.getByTestId("alliance-history").textContent ?? "";
    expect(history).toContain("Deleted");
    expect(history).toContain("Restored");
  });

  it("shows an action error inline with a hint", async () => {
    const backend = seeded();
    backend.failures.set("rename_alliance", { code: "Conflict", message: "revision 1 is not the newest" });
    render(AlliancePage, { id: "a1" });

    await fireEvent.click(await screen.findByTestId("rename-button"));
    await fireEvent.input(screen.getByTestId("rename-input"), { target: { value: "Other" } });
    await fireEvent.click(screen.getByTestId("rename-save"));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("revision 1 is not the newest");
    expect(alert.textContent).toContain("Reload the page");
    // The edit stays open so nothing typed is lost.
    expect((screen.getByTestId("rename-input") as HTMLInputElement).value).toBe("Other");
  });

  it("explains when the alliance cannot be found", async () => {
    seeded();
    render(AlliancePage, { id: "missing" });

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("no alliance missing");
  });
});
