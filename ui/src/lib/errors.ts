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
    title: "Not possible right now",
    hint: "The message above says what stands in the way. Reload the page if something changed in the meantime.",
  },
  NewerDatabase: {
    title: "Database from a newer version",
    hint: "This database was written by a newer version of Accord. Install the latest version of Accord to open it; your data has not been changed.",
  },
  WrongPassphrase: {
    title: "Wrong passphrase",
    hint: "Type the passphrase again; letters are case-sensitive. Nothing was changed.",
  },
  Locked: {
    title: "Unlock first",
    hint: "Choose your partner name and unlock with your own passphrase.",
  },
  NotAllSealed: {
    title: "Not every partner has sealed yet",
    hint: "The comparison opens once every partner has answered and sealed.",
  },
  RefusedFile: {
    title: "The file was refused",
    hint: "Nothing was changed. Ask your partner to send the file again, and check it is for this alliance and round.",
  },
  NewerFile: {
    title: "File from a newer version",
    hint: "Your partner uses a newer Accord. Install the latest version to read this file; nothing was changed.",
  },
  FileAccess: {
    title: "The file could not be read or written",
    hint: "Check that the file or folder exists and that you may use it, or choose another place. Nothing else was changed.",
  },
  NoIdentity: {
    title: "Set up your identity first",
    hint: "Create your identity and say which partner you are in this alliance, then try again.",
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
