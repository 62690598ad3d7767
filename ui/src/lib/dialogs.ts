// The native open and save dialogs (the official dialog plugin), for the exchange's files and
// the agreement's exports.
// Only a path comes back; the backend reads and writes the file itself (see api.ts).
import { open, save } from "@tauri-apps/plugin-dialog";
import { toIpcError } from "./api";
import type { ExportFormat } from "./bindings/ExportFormat";

const JSON_FILES = [{ name: "Accord files (JSON)", extensions: ["json"] }];

/** Asks for one existing file; null when the user cancels. Rejections are IpcErrors. */
export async function chooseFileToOpen(title: string): Promise<string | null> {
  try {
    const picked = await open({ title, multiple: false, directory: false, filters: JSON_FILES });
    return typeof picked === "string" ? picked : null;
  } catch (error) {
    throw toIpcError(error);
  }
}

/** Asks where to save, proposing `defaultName`; null when the user cancels. */
export async function chooseFileToSave(title: string, defaultName: string): Promise<string | null> {
  try {
    return (await save({ title, defaultPath: defaultName, filters: JSON_FILES })) ?? null;
  } catch (error) {
    throw toIpcError(error);
  }
}

/** The save dialog's filter for each export format. */
const EXPORT_FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: "PDF document", extensions: ["pdf"] },
  html: { name: "Web page (HTML)", extensions: ["html", "htm"] },
  markdown: { name: "Markdown", extensions: ["md", "markdown"] },
  json: { name: "Agreement file (JSON)", extensions: ["json"] },
};

/** Asks where to save an agreement export, proposing `defaultName`; null when cancelled. */
export async function chooseExportPath(format: ExportFormat, defaultName: string): Promise<string | null> {
  try {
    const filter = EXPORT_FILTERS[format];
    return (await save({ title: `Save the agreement as ${filter.name}`, defaultPath: defaultName, filters: [filter] })) ?? null;
  } catch (error) {
    throw toIpcError(error);
  }
}

/** A safe file-name part: lower-case ASCII letters, digits and single dashes ("file" if none). */
export function slug(text: string): string {
  const plain = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return plain || "file";
}

/** Default names proposed in the save dialogs. */
export const fileNames = {
  card: (name: string) => `${slug(name)}-card.json`,
  alliance: (alliance: string) => `${slug(alliance)}-alliance.json`,
  envelope: (alliance: string, round: number, party: string) =>
    `${slug(alliance)}-round-${round}-${slug(party)}-envelope.json`,
  reveal: (alliance: string, round: number, party: string) =>
    `${slug(alliance)}-round-${round}-${slug(party)}-reveal.json`,
};
