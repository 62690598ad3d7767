// Tests for the create form: the draft it sends, client-side checks and server errors.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeBackend } from "../test/fakeBackend";
import AllianceForm from "./AllianceForm.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

function inputs(testid: string): HTMLInputElement[] {
  return screen.getAllByTestId(testid) as HTMLInputElement[];
}

async function type(input: HTMLElement, value: string) {
  await fireEvent.input(input, { target: { value } });
}

describe("AllianceForm", () => {
  it("sends a trimmed draft with partners in order and blank terms dropped", async () => {
    const backend = new FakeBackend().install();
    const oncreated = vi.fn();
    render(AllianceForm, { oncreated, oncancel: vi.fn() });

    await type(screen.getByTestId("alliance-name"), "  Nordic launch  ");
    await fireEvent.change(screen.getByTestId("alliance-kind"), { target: { value: "reseller" } });
    await type(inputs("partner-input")[0], " Acme ");
    await type(inputs("partner-input")[1], "Globex");
    await fireEvent.click(screen.getByTestId("add-partner"));
    await type(inputs("partner-input")[2], "Initech  ");
    await type(inputs("term-input")[0], "  Revenue split 50/50 ");
    // inputs("term-input")[1] stays blank
    await fireEvent.click(screen.getByTestId("add-term"));
    await type(inputs("term-input")[2], "Launch in March");

    await fireEvent.click(screen.getByTestId("create-submit"));

    await waitFor(() => expect(oncreated).toHaveBeenCalledTimes(1));
    expect(backend.callsTo("create_alliance")).toEqual([
      {
        cmd: "create_alliance",
        args: {
          draft: {
            name: "Nordic launch",
            kind: "reseller",
            parties: ["Acme", "Globex", "Initech"],
            terms: ["Revenue split 50/50", "Launch in March"],
          },
        },
      },
    ]);
    expect(oncreated.mock.calls[0][0]).toMatchObject({ name: "Nordic launch", kind: "reseller" });
  });

  it("starts with two partner and two term inputs and only offers removal above two partners", async () => {
    new FakeBackend().install();
    render(AllianceForm, { oncreated: vi.fn(), oncancel: vi.fn() });

    expect(inputs("partner-input")).toHaveLength(2);
    expect(inputs("term-input")).toHaveLength(2);
    expect(screen.queryAllByTestId("remove-partner")).toHaveLength(0);

    await fireEvent.click(screen.getByTestId("add-partner"));
    expect(inputs("partner-input")).toHaveLength(3);
    expect(screen.getAllByTestId("remove-partner")).toHaveLength(3);

    await fireEvent.click(screen.getAllByTestId("remove-partner")[0]);
    expect(inputs("partner-input")).toHaveLength(2);
    expect(screen.queryAllByTestId("remove-partner")).toHaveLength(0);
  });

  it("checks the name and partners before sending anything", async () => {
    const backend = new FakeBackend().install();
    render(AllianceForm, { oncreated: vi.fn(), oncancel: vi.fn() });

    await type(inputs("partner-input")[0], "Acme");
    await fireEvent.click(screen.getByTestId("create-submit"));

    expect(await screen.findByText("Give the alliance a name.")).toBeTruthy();
    expect(screen.getByText(/Partner 2 needs a name/)).toBeTruthy();
    expect(screen.getByTestId("alliance-name").getAttribute("aria-invalid")).toBe("true");
    expect(backend.callsTo("create_alliance")).toHaveLength(0);
  });

  it("shows the server's InvalidInput message", async () => {
    const backend = new FakeBackend().install();
    backend.failures.set("create_alliance", {
      code: "InvalidInput",
      message: "partner names must be unique: \"Acme\" appears twice",
    });
    const oncreated = vi.fn();
    render(AllianceForm, { oncreated, oncancel: vi.fn() });

    await type(screen.getByTestId("alliance-name"), "Deal");
    await type(inputs("partner-input")[0], "Acme");
    await type(inputs("partner-input")[1], "Globex");
    await fireEvent.click(screen.getByTestId("create-submit"));

    const alert = await screen.findByTestId("form-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain('partner names must be unique: "Acme" appears twice');
    expect(alert.textContent).toContain("Please check what you entered");
    expect(oncreated).not.toHaveBeenCalled();
  });

  it("cancels without calling the backend", async () => {
    const backend = new FakeBackend().install();
    const oncancel = vi.fn();
    render(AllianceForm, { oncreated: vi.fn(), oncancel });

    await fireEvent.click(screen.getByText("Cancel"));

    expect(oncancel).toHaveBeenCalledTimes(1);
    expect(backend.calls).toHaveLength(0);
  });
});
