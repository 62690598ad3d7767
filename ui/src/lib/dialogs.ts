// The native open and save dialogs (the official dialog plugin), for the exchange's files.
// Only a path comes back; the backend reads and writes the file itself (see api.ts).
import { open, save } from "@tauri-apps/plugin-dialog";
import { toIpcError } from "./api";

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
