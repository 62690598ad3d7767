// Tests for the app shell: startup errors, the empty state, the sidebar list with "Show deleted",
// the status line, the create-then-open flow and importing an alliance file.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { open } from "@tauri-apps/plugin-dialog";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import { FakeBackend, makeAlliance } from "./test/fakeBackend";

vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

// The alliance page and the form load on first use (a dynamic import); load them once here so
// a test's first use does not wait for Vite to transform them.
beforeAll(async () => {
  await Promise.all([import("./views/AlliancePage.svelte"), import("./views/AllianceForm.svelte")]);
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function listedNames(): string[] {
  return screen
    .queryAllByTestId("alliance-list-item")
    .map((item) => item.querySelector(".name")?.textContent ?? "");
}

describe("App", () => {
  it("lists active alliances and shows deleted ones only with Show deleted", async () => {
    const backend = new FakeBackend([
      makeAlliance({ id: "a1", name: "Nordic launch", kind: "co-marketing" }),
      makeAlliance({ id: "a2", name: "Old channel", kind: "reseller", deleted: true }),
    ]).install();
    render(App);

    await waitFor(() => expect(listedNames()).toEqual(["Nordic launch"]));
    const item = screen.getByTestId("alliance-list-item");
    expect(item.tagName).toBe("BUTTON");
    expect(item.textContent).toContain("Co-marketing / event");
    expect(item.textContent).toContain("Acme, Globex");
    expect(backend.callsTo("list_alliances").at(-1)?.args).toEqual({ includeDeleted: false });

    await fireEvent.click(screen.getByTestId("show-deleted"));
    await waitFor(() => expect(listedNames()).toEqual(["Nordic launch", "Old channel"]));
    expect(backend.callsTo("list_alliances").at(-1)?.args).toEqual({ includeDeleted: true });
    const deleted = screen.getAllByTestId("alliance-list-item")[1];
    expect(deleted.classList.contains("deleted")).toBe(true);
    expect(within(deleted).getByText("Deleted")).toBeTruthy();

    await fireEvent.click(screen.getByTestId("show-deleted"));
    await waitFor(() => expect(listedNames()).toEqual(["Nordic launch"]));
  });

  it("tells the backend once, when the list has first shown (the start-up probe)", async () => {
    const backend = new FakeBackend([makeAlliance({ id: "a1", name: "Nordic launch" })]).install();
    render(App);

    await waitFor(() => expect(backend.callsTo("startup_ready")).toHaveLength(1));
    const calls = backend.calls.map((c) => c.cmd);
    expect(calls.indexOf("startup_ready")).toBeGreaterThan(calls.indexOf("list_alliances"));
    expect(listedNames()).toEqual(["Nordic launch"]);

    await fireEvent.click(screen.getByTestId("show-deleted"));
    await waitFor(() => expect(backend.callsTo("list_alliances")).toHaveLength(2));
    expect(backend.callsTo("startup_ready")).toHaveLength(1);
  });

  it("opens an alliance from the list", async () => {
    new FakeBackend([makeAlliance({ id: "a1", name: "Nordic launch" })]).install();
    render(App);

    await fireEvent.click(await screen.findByTestId("alliance-list-item"));

    expect((await screen.findByTestId("alliance-title")).textContent).toBe("Nordic launch");
    expect(screen.getByTestId("alliance-list-item").getAttribute("aria-current")).toBe("page");
  });

  it("shows version and database path in the status line", async () => {
    new FakeBackend().install();
    render(App);

    const status = screen.getByTestId("status-bar");
    await waitFor(() => expect(status.textContent).toContain("Accord 0.1.0"));
    expect(status.textContent).toContain("/home/user/.local/share/accord/accord.db");
  });

  it("shows the empty state, then creates an alliance and opens it", async () => {
    const backend = new FakeBackend().install();
    render(App);

    await fireEvent.click(await screen.findByText("Create your first alliance"));
    await fireEvent.input(await screen.findByTestId("alliance-name"), { target: { value: "Skunkworks JV" } });
    const partners = screen.getAllByTestId("partner-input");
    await fireEvent.input(partners[0], { target: { value: "Acme" } });
    await fireEvent.input(partners[1], { target: { value: "Globex" } });
    await fireEvent.click(screen.getByTestId("create-submit"));

    const page = await screen.findByTestId("alliance-page");
    expect((await within(page).findByTestId("alliance-title")).textContent).toBe("Skunkworks JV");
    await waitFor(() => expect(listedNames()).toEqual(["Skunkworks JV"]));
    expect(backend.callsTo("list_alliances").length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByTestId("alliance-form")).toBeNull();
  });

  it("shows a full-pane error instead of the list when startup failed", async () => {
    const backend = new FakeBackend();
    backend.info = {
      ...backend.info,
      startup_error: { code: "NewerDatabase", message: "database schema 7 is newer than this app (3)" },
      backup: "/home/user/.local/share/accord/accord.db.bak",
    };
    backend.install();
    render(App);

    const pane = await screen.findByTestId("startup-error");
    expect(pane.textContent).toContain("database schema 7 is newer than this app (3)");
    expect(pane.textContent).toContain("Install the latest version of Accord");
    expect(pane.textContent).toContain("accord.db.bak");
    expect(screen.queryByTestId("alliance-list")).toBeNull();
    expect(screen.queryByTestId("alliance-list-item")).toBeNull();
    expect(screen.queryByTestId("new-alliance")).toBeNull();
    // Asked for once with the facts at start (answered with the same error), never again.
    expect(backend.callsTo("list_alliances")).toHaveLength(1);
  });

  it("imports an alliance file a partner sent and opens it; a refused file says why", async () => {
    const backend = new FakeBackend([]).install();
    const shared = makeAlliance({ id: "0b6f7a52-shared", name: "Shared launch" });
    backend.files.set("/in/shared-alliance.json", { type: "alliance", alliance: shared });
    backend.files.set("/in/card.json", { type: "card", name: "Ben", fingerprint: "1111-2222-3333-4444-5555" });
    vi.mocked(open).mockResolvedValueOnce("/in/card.json").mockResolvedValueOnce("/in/shared-alliance.json");
    render(App);

    await fireEvent.click(await screen.findByTestId("import-alliance"));
    expect((await screen.findByTestId("import-alliance-error")).textContent).toContain("The file was refused");
    expect(backend.alliances.size).toBe(0);

    await fireEvent.click(screen.getByTestId("import-alliance"));
    expect((await screen.findByTestId("import-alliance-notice")).textContent).toContain("“Shared launch” was added");
    expect((await screen.findByTestId("alliance-title")).textContent).toBe("Shared launch");
    expect(screen.queryByTestId("import-alliance-error")).toBeNull();
    expect(backend.callsTo("import_alliance").map((c) => c.args)).toEqual([
      { path: "/in/card.json" },
      { path: "/in/shared-alliance.json" },
    ]);
  });
});
