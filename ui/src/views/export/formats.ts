// The export formats as the panel offers them, and file sizes in words. Rendering and file
// names are the backend's (accord-export); this is only how the choice reads.
import type { ExportFormat } from "../../lib/bindings/ExportFormat";

export const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "pdf", label: "PDF", hint: "to print, sign on paper or send" },
  { format: "html", label: "HTML", hint: "a web page that works offline" },
  { format: "markdown", label: "Markdown", hint: "for wikis and repositories" },
  { format: "json", label: "JSON", hint: "the agreement file, for other tools" },
];

/** 1234 → "1.2 KB"; sizes in decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
