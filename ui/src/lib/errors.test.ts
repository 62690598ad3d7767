// Tests for the error-code map: every ErrorCode has a title and a hint, and nothing extra.
import { describe, expect, it } from "vitest";
import type { ErrorCode } from "./bindings/ErrorCode";
import { ERROR_HELP, errorHelp } from "./errors";

// Typed as a Record so that adding a code to the union fails compilation here as well.
const EVERY_CODE: Record<ErrorCode, true> = {
  InvalidInput: true,
  NotFound: true,
  AllianceDeleted: true,
  Conflict: true,
  NewerDatabase: true,
  StorageUnavailable: true,
  WrongPassphrase: true,
  Locked: true,
  NotAllSealed: true,
  RefusedFile: true,
  NewerFile: true,
  FileAccess: true,
  NoIdentity: true,
  Unknown: true,
};
const CODES = Object.keys(EVERY_CODE) as ErrorCode[];

describe("errors", () => {
  it.each(CODES)("describes %s with a title and a hint", (code) => {
    const help = errorHelp({ code });
    expect(help.title.trim()).not.toBe("");
    expect(help.hint.trim()).not.toBe("");
    expect(help).toBe(ERROR_HELP[code]);
  });

  it("has exactly one entry per code", () => {
    expect(Object.keys(ERROR_HELP).sort()).toEqual([...CODES].sort());
  });

  it("gives distinct titles so users can tell errors apart", () => {
    const titles = CODES.map((code) => ERROR_HELP[code].title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("falls back to Unknown for a code it does not know", () => {
    expect(errorHelp({ code: "Mystery" as ErrorCode })).toBe(ERROR_HELP.Unknown);
  });
});
