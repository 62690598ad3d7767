// Tests for exporting and signing an agreement against the fake backend (mocked IPC and dialog
// plugin): the PDF previews as its pages and the text formats as their text; saving asks the
// native dialog for a path with the backend's file name and writes nothing when cancelled;
// signing needs the identity's passphrase, lists the signature and refreshes the preview.
import { clearMocks } from "@tauri-apps/api/mocks";
import { save } from "@tauri-apps/plugin-dialog";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Agreement } from "../../lib/bindings/Agreement";
import { FakeBackend, makeAlliance, sampleNegotiation } from "../../test/fakeBackend";
import { identityCreated } from "../../lib/identity.svelte";
import ExportPanel from "./ExportPanel.svelte";

vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const ALLIANCE = makeAlliance({ id: "a1", name: "Nordic Launch 2026" });
const PASS = "acme identity pass";

beforeEach(() => vi.mocked(save).mockReset());

afterEach(() => {
  cleanup();
  clearMocks();
});

function agreement(number: number): Agreement {
  return {
    format: "accord.agreement",
    version: 1,
    alliance: { id: "a1", name: ALLIANCE.name, kind: ALLIANCE.kind },
    parties: ALLIANCE.parties,
    number,
    round: number,
    agreed_on: `2026-0${number}-01`,
    review_on: "2027-05-23",
    threshold: 40,
    items: [],
    open: [],
    balance: [],
    hash: String(number).repeat(64),
    signatures: [],
  };
}

function setup({ identity = true, agreements = [agreement(1), agreement(2)] } = {}) {
  const backend = new FakeBackend([ALLIANCE]).install();
  backend.useNegotiation("a1", sampleNegotiation(), "p1");
  backend.agreementsBy.set("a1", agreements);
  if (identity) backend.useIdentity("Ana at Acme", PASS);
  const onsigned = vi.fn();
  const { rerender } = render(ExportPanel, {
    allianceId: "a1",
    agreements: structuredClone(agreements),
    parties: ALLIANCE.parties,
    onsigned,
  });
  return { backend, onsigned, rerender };
}

async function previewText(): Promise<string> {
  return await waitFor(() => {
    const preview = screen.getByTestId("export-preview");
    return preview.textContent ?? "";
  });
}

describe("ExportPanel", () => {
  it("previews the newest agreement's PDF as pages, and the text formats as their text", async () => {
    const { backend } = setup();
    await waitFor(() => expect(screen.getAllByTestId("pdf-page")).toHaveLength(1));
    expect(screen.getByRole("img", { name: "Page 1 of 1" })).toBeTruthy();
    expect(await previewText()).toContain("2".repeat(64));
    expect(screen.getByTestId("export-size").textContent).toBe("nordic-launch-2026-agreement-2.pdf · 48.2 KB");
    expect(backend.callsTo("preview_export").at(-1)?.args).toEqual({ alliance: "a1", number: 2, format: "pdf" });

    await fireEvent.click(screen.getByTestId("export-format-markdown"));
    await waitFor(() => expect(screen.getByTestId("export-preview").tagName).toBe("PRE"));
    expect(await previewText()).toContain("markdown of agreement 2");
    expect(screen.getByTestId("export-save").textContent?.trim()).toBe("Save as Markdown…");

    await fireEvent.change(screen.getByTestId("export-agreement"), { target: { value: "1" } });
    await waitFor(async () => expect(await previewText()).toContain("markdown of agreement 1"));
  });

  it("saves where the dialog says, with the backend's file name, and writes nothing when cancelled", async () => {
    const { backend } = setup();
    await waitFor(() => expect(screen.getAllByTestId("pdf-page")).toHaveLength(1));

    vi.mocked(save).mockResolvedValueOnce(null);
    await fireEvent.click(screen.getByTestId("export-save"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(vi.mocked(save).mock.calls[0][0]).toMatchObject({
      defaultPath: "nordic-launch-2026-agreement-2.pdf",
      filters: [{ name: "PDF document", extensions: ["pdf"] }],
    });
    expect(backend.callsTo("export_agreement")).toHaveLength(0);

    vi.mocked(save).mockResolvedValueOnce("/home/ana/agreement.pdf");
    await fireEvent.click(screen.getByTestId("export-save"));
    const notice = await screen.findByTestId("export-saved");
    expect(notice.textContent).toContain("/home/ana/agreement.pdf");
    expect(notice.textContent).toContain("48.2 KB");
    expect(backend.written.get("/home/ana/agreement.pdf")).toBe(`pdf:${"2".repeat(64)}:0`);
  });

  it("shows a refused save where it happened", async () => {
    const { backend } = setup();
    await waitFor(() => expect(screen.getAllByTestId("pdf-page")).toHaveLength(1));
    backend.failures.set("export_agreement", { code: "FileAccess", message: "cannot write /ro/a.pdf: read-only" });
    vi.mocked(save).mockResolvedValueOnce("/ro/a.pdf");
    await fireEvent.click(screen.getByTestId("export-save"));
    expect((await screen.findByTestId("export-error")).textContent).toContain("read-only");
    expect(screen.queryByTestId("export-saved")).toBeNull();
  });

  it("signs with the identity's passphrase, lists the signature and shows it in the preview", async () => {
    const { onsigned, rerender } = setup();
    await waitFor(() => expect(screen.getAllByTestId("pdf-page")).toHaveLength(1));
    expect(await previewText()).toContain("Signatures: 0");

    await fireEvent.click(screen.getByTestId("sign-agreement"));
    expect((await screen.findByTestId("sign-error")).textContent).toContain("Type your identity's passphrase");

    await fireEvent.input(screen.getByTestId("sign-passphrase"), { target: { value: "wrong" } });
    await fireEvent.click(screen.getByTestId("sign-agreement"));
    await waitFor(() => expect(screen.getByTestId("sign-error").textContent).toContain("does not open"));
    expect(onsigned).not.toHaveBeenCalled();

    await fireEvent.input(screen.getByTestId("sign-passphrase"), { target: { value: PASS } });
    await fireEvent.click(screen.getByTestId("sign-agreement"));
    expect((await screen.findByTestId("sign-notice")).textContent).toBe(
      "Signed agreement 2 for Acme as Ana at Acme.",
    );
    expect(onsigned).toHaveBeenCalledTimes(1);
    const signed = onsigned.mock.calls[0][0] as Agreement;
    expect(signed.signatures.map((s) => s.party)).toEqual(["p1"]);
    expect((screen.getByTestId("sign-passphrase") as HTMLInputElement).value).toBe("");

    // The parent hands the signed agreement back: it is listed, and the preview is made again.
    await rerender({ agreements: [agreement(1), signed] });
    expect((await screen.findByTestId("signature-list")).textContent).toContain("signed by Ana at Acme");
    await waitFor(async () => expect(await previewText()).toContain("Signatures: 1"));
    expect(screen.getByTestId("export-panel").textContent).toContain("You (Ana at Acme) signed this agreement for Acme.");
    expect(screen.queryByTestId("sign-passphrase")).toBeNull();
  });

  it("explains that signing needs an identity when this computer has none", async () => {
    setup({ identity: false });
    await waitFor(() => expect(screen.getAllByTestId("pdf-page")).toHaveLength(1));
    expect(screen.getByTestId("export-panel").textContent).toContain("Signing uses this computer's identity");
    expect(screen.queryByTestId("sign-passphrase")).toBeNull();

    // Created in the exchange section: the form to sign appears without a reload.
    identityCreated({ name: "Ana at Acme", fingerprint: "AAAA-BBBB-CCCC-DDDD-EEEE", created_at: 1 });
    expect(await screen.findByTestId("sign-passphrase")).toBeTruthy();
  });
});
