// Tests for the exchange with partners on other machines: the fingerprint confirmation binds a
// card only after the user confirms, the steps open in the fair order, busy and error states,
// and the files go through the dialog plugin (mocked) to the backend (mocked IPC).
import { clearMocks } from "@tauri-apps/api/mocks";
import { open, save } from "@tauri-apps/plugin-dialog";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeBackend, makeAlliance } from "../../test/fakeBackend";
import type { RoundView } from "../../lib/bindings/RoundView";
import ExchangeSection from "./ExchangeSection.svelte";

vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const ALLIANCE = makeAlliance({ id: "a1", name: "Nordic Launch 2026" });
const PASS = "acme identity pass";

beforeEach(() => {
  vi.mocked(open).mockReset();
  vi.mocked(save).mockReset();
});

afterEach(() => {
  cleanup();
  clearMocks();
});

/** Acme's machine: identity bound to p1; Globex (p2) answers elsewhere. */
function acmeMachine({ globexCard = true } = {}) {
  const backend = new FakeBackend([ALLIANCE]).install();
  backend.useIdentity("Ana at Acme", PASS, { alliance: "a1", me: "p1" });
  if (globexCard)
    backend.setExchange("a1", "p2", {
      card: { name: "Ben at Globex", fingerprint: "1111-2222-3333-4444-5555", mine: false, bound_at: 1 },
    });
  return backend;
}

function round(overrides: Partial<RoundView> = {}): RoundView {
  return {
    round: 1,
    questions: 12,
    parties: [
      { party: "p1", has_passphrase: true, started: true, answered: 5, sealed_at: null },
      { party: "p2", has_passphrase: false, started: false, answered: null, sealed_at: null },
    ],
    all_sealed: false,
    unlocked: "p1",
    ...overrides,
  };
}

async function typePassphrase(value = PASS) {
  await fireEvent.input(await screen.findByTestId("exchange-passphrase"), { target: { value } });
}

describe("ExchangeSection", () => {
  it("binds an imported card only after the fingerprint is confirmed; Escape binds nothing", async () => {
    const backend = acmeMachine({ globexCard: false });
    backend.files.set("/home/ana/ben-card.json", { type: "card", name: "Ben at Globex", fingerprint: "9F3A-0B12-C4D5-E6F7-0819" });
    vi.mocked(open).mockResolvedValue("/home/ana/ben-card.json");
    render(ExchangeSection, { alliance: ALLIANCE, round: round() });

    await fireEvent.click(await screen.findByTestId("import-card"));
    const dialog = await screen.findByTestId("card-confirm");
    expect(screen.getByTestId("card-preview-name").textContent).toBe("Ben at Globex");
    expect(screen.getByTestId("card-preview-fingerprint").dataset.value).toBe("9F3A-0B12-C4D5-E6F7-0819");
    expect(dialog.textContent).toContain("read out the fingerprint");
    expect(document.activeElement).toBe(screen.getByTestId("card-confirm-cancel"));
    expect(backend.callsTo("bind_card")).toEqual([]);

    await fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("card-confirm")).toBeNull());
    expect(backend.callsTo("bind_card")).toEqual([]);
    expect(document.activeElement).toBe(screen.getByTestId("import-card"));

    await fireEvent.click(screen.getByTestId("import-card"));
    await fireEvent.click(await screen.findByTestId("card-confirm-bind"));
    await waitFor(() => expect(screen.queryByTestId("card-confirm")).toBeNull());
    expect(backend.callsTo("bind_card").map((c) => c.args)).toEqual([
      { alliance: "a1", party: "p2", path: "/home/ana/ben-card.json", confirmedFingerprint: "9F3A-0B12-C4D5-E6F7-0819" },
    ]);
    const row = screen.getAllByTestId("card-row").find((r) => r.dataset.party === "p2")!;
    expect(row.textContent).toContain("Ben at Globex");
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ filters: [expect.objectContaining({ extensions: ["json"] })] }));
  });

  it("cancelling the open dialog previews and binds nothing", async () => {
    const backend = acmeMachine({ globexCard: false });
    vi.mocked(open).mockResolvedValue(null);
    render(ExchangeSection, { alliance: ALLIANCE, round: round() });
    await fireEvent.click(await screen.findByTestId("import-card"));
    await waitFor(() => expect(open).toHaveBeenCalled());
    expect(backend.callsTo("preview_card")).toEqual([]);
    expect(screen.queryByTestId("card-confirm")).toBeNull();
  });

  it("keeps the reveal closed until every partner's envelope is recorded", async () => {
    const backend = acmeMachine();
    backend.files.set("/in/globex-envelope.json", { type: "envelope", alliance: "a1", party: "p2", commitment: "abcd1234".repeat(8) });
    render(ExchangeSection, { alliance: ALLIANCE, round: round() });

    const reveal = (await screen.findByTestId("export-reveal")) as HTMLButtonElement;
    expect(reveal.disabled).toBe(true);
    expect(screen.getByTestId("reveal-waiting").textContent).toContain("Seal your envelope first");
    const importReveal = screen.getByTestId("import-reveal") as HTMLButtonElement;
    expect(importReveal.disabled).toBe(true);

    // Seal: asks for the identity passphrase first, then where to save (a safe default name).
    vi.mocked(save).mockResolvedValue("/out/acme-envelope.json");
    await fireEvent.click(screen.getByTestId("seal-envelope"));
    expect((await screen.findByTestId("exchange-problem")).textContent).toContain("identity passphrase");
    expect(save).not.toHaveBeenCalled();
    await typePassphrase();
    await fireEvent.click(screen.getByTestId("seal-envelope"));
    await screen.findByTestId("my-commitment");
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: "nordic-launch-2026-round-1-acme-envelope.json" }),
    );
    expect(backend.callsTo("seal_envelope").map((c) => c.args)).toEqual([
      { alliance: "a1", passphrase: PASS, answersPassphrase: null, path: "/out/acme-envelope.json" },
    ]);
    expect(screen.getByTestId("exchange-notice").textContent).toContain("send it to Globex");
    expect((screen.getByTestId("export-reveal") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("reveal-waiting").textContent).toContain("Waiting for the envelope of Globex");

    // Globex's envelope arrives: recorded, not readable; now the reveal may go out.
    vi.mocked(open).mockResolvedValue("/in/globex-envelope.json");
    await fireEvent.click(screen.getByTestId("import-envelope"));
    const recorded = await screen.findByTestId("envelope-recorded");
    expect(recorded.textContent).toContain("Recorded, cannot be opened yet");
    expect(recorded.textContent).toContain("abcd-1234-abcd-1234");
    await waitFor(() => expect((screen.getByTestId("export-reveal") as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByTestId("import-reveal") as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks for the answers' passphrase when they are locked in this window, or uses the same text", async () => {
    const backend = acmeMachine();
    vi.mocked(save).mockResolvedValue("/out/e.json");
    render(ExchangeSection, { alliance: ALLIANCE, round: round({ unlocked: null }) });
    await typePassphrase();
    await fireEvent.click(await screen.findByTestId("same-passphrase"));
    expect(screen.queryByTestId("answers-passphrase")).toBeNull();
    await fireEvent.click(screen.getByTestId("seal-envelope"));
    await screen.findByTestId("my-commitment");
    expect(backend.callsTo("seal_envelope")[0].args.answersPassphrase).toBe(PASS);
  });

  it("cannot seal before answers are saved", async () => {
    acmeMachine();
    const noAnswers = round();
    noAnswers.parties[0].started = false;
    render(ExchangeSection, { alliance: ALLIANCE, round: noAnswers });
    expect(((await screen.findByTestId("seal-envelope")) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("no-answers").textContent).toContain("answer the questionnaire as Acme");
  });

  it("shows a refused file with its message and hint, and changes nothing", async () => {
    const backend = acmeMachine();
    backend.setExchange("a1", "p1", { envelope_at: 5, commitment: "f".repeat(64) });
    backend.setExchange("a1", "p2", { envelope_at: 6, commitment: "e".repeat(64) });
    backend.failures.set("import_reveal", {
      code: "RefusedFile",
      message: "the reveal does not match the envelope recorded earlier",
    });
    vi.mocked(open).mockResolvedValue("/in/tampered-reveal.json");
    render(ExchangeSection, { alliance: ALLIANCE, round: round() });
    await typePassphrase();
    await fireEvent.click(await screen.findByTestId("import-reveal"));
    const error = await screen.findByTestId("exchange-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toContain("The file was refused");
    expect(error.textContent).toContain("the reveal does not match the envelope recorded earlier");
    expect(error.textContent).toContain("Nothing was changed");
    expect(screen.queryByTestId("reveal-opened")).toBeNull();
    expect(screen.queryByTestId("exchange-comparison")).toBeNull();
  });

  it("shows that it is busy while the identity unlocks, then opens the comparison after the last reveal", async () => {
    const backend = acmeMachine();
    backend.setExchange("a1", "p1", { envelope_at: 5, commitment: "f".repeat(64) });
    backend.setExchange("a1", "p2", { envelope_at: 6, commitment: "e".repeat(64) });
    backend.files.set("/in/globex-reveal.json", { type: "reveal", alliance: "a1", party: "p2" });
    let choose: (path: string) => void = () => {};
    vi.mocked(open).mockReturnValue(new Promise((resolve) => (choose = resolve)));
    render(ExchangeSection, { alliance: ALLIANCE, round: round() });
    await typePassphrase();
    await fireEvent.click(await screen.findByTestId("import-reveal"));
    await waitFor(() => expect(screen.getByTestId("exchange-busy")).toBeTruthy());
    expect((screen.getByTestId("import-reveal") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("round-exchange").getAttribute("aria-busy")).toBe("true");
    choose("/in/globex-reveal.json");

    await screen.findByTestId("exchange-comparison");
    await waitFor(() => expect(screen.queryByTestId("exchange-busy")).toBeNull());
    expect(screen.getByTestId("reveal-opened").textContent).toContain("Answers opened");
    expect(backend.callsTo("import_reveal")[0].args).toEqual({ alliance: "a1", passphrase: PASS, path: "/in/globex-reveal.json" });
  });

  it("a wrong identity passphrase is said so and focuses the field", async () => {
    acmeMachine();
    vi.mocked(save).mockResolvedValue("/out/e.json");
    render(ExchangeSection, { alliance: ALLIANCE, round: round() });
    await typePassphrase("not my passphrase");
    await fireEvent.click(await screen.findByTestId("seal-envelope"));
    expect((await screen.findByTestId("exchange-error")).textContent).toContain("Wrong passphrase");
    expect(document.activeElement).toBe(screen.getByTestId("exchange-passphrase"));
    expect(screen.queryByTestId("my-commitment")).toBeNull();
  });

  it("creates an identity (passphrase typed twice) and exports the card under a safe default name", async () => {
    const backend = new FakeBackend([ALLIANCE]).install();
    render(ExchangeSection, { alliance: ALLIANCE, round: round() });
    await fireEvent.click(await screen.findByTestId("exchange-toggle"));
    expect(await screen.findByTestId("exchange-not-ready")).toBeTruthy();
    await fireEvent.input(screen.getByTestId("identity-name-input"), { target: { value: "Ana Núñez / Acme" } });
    await fireEvent.input(screen.getByTestId("identity-passphrase"), { target: { value: PASS } });
    await fireEvent.input(screen.getByTestId("identity-confirm"), { target: { value: "something else" } });
    await fireEvent.click(screen.getByTestId("create-identity"));
    expect((await screen.findByTestId("identity-problem")).textContent).toContain("differ");
    expect(backend.callsTo("create_identity")).toEqual([]);

    await fireEvent.input(screen.getByTestId("identity-confirm"), { target: { value: PASS } });
    await fireEvent.click(screen.getByTestId("create-identity"));
    expect((await screen.findByTestId("identity-fingerprint")).dataset.value).toBe("AAAA-BBBB-CCCC-DDDD-EEEE");
    expect(screen.getByTestId("identity-name").textContent).toBe("Ana Núñez / Acme");

    vi.mocked(save).mockResolvedValue("/out/card.json");
    await fireEvent.click(screen.getByTestId("export-card"));
    await screen.findByTestId("card-saved");
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: "ana-nunez-acme-card.json" }));
    expect(backend.written.get("/out/card.json")).toBe("export_card");
    // "This is me" is offered once there is an identity.
    await fireEvent.click(screen.getAllByTestId("bind-me")[0]);
    await waitFor(() => expect(screen.getAllByTestId("card-bound")[0].textContent).toContain("This is you"));
  });
});
