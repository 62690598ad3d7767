// What to tell the user for each backend error code: a short title and a hint on what to do.
// The Record is exhaustive over ErrorCode, so a new code breaks the type check until described here.
import type { ErrorCode } from "./bindings/ErrorCode";
import type { IpcError } from "./bindings/IpcError";

export type ErrorHelp = { title: string; hint: string };

export const ERROR_HELP: Record<ErrorCode, ErrorHelp> = {
  InvalidInput: {
    title: "Please check what you entered",
    hint: "Correct the field mentioned above and try again.",
  },
  NotFound: {
    title: "Not found",
    hint: "It may have been removed in another window. Pick another alliance from the list.",
  },
  AllianceDeleted: {
    title: "This alliance is deleted",
    hint: "Restore the alliance first, then try again.",
  },
  Conflict: {
    title: "Changed elsewhere",
    hint: "Someone or something changed this in the meantime. Reload it and try again.",
  },
  NewerDatabase: {
    title: "Database from a newer version",
    hint: "This database was written by a newer version of Accord. Install the latest version of Accord to open it; your data has not been changed.",
  },
  StorageUnavailable: {
    title: "Storage unavailable",
    hint: "Accord could not read or write its database. Check that the disk is available and not full, and that you have permission to the data folder, then restart Accord.",
  },
  Unknown: {
    title: "Something went wrong",
    hint: "Try again. If it keeps happening, restart Accord.",
  },
};

export function errorHelp(error: Pick<IpcError, "code">): ErrorHelp {
  return ERROR_HELP[error.code] ?? ERROR_HELP.Unknown;
}
