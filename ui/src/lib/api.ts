// Typed wrappers over the app's IPC commands: the only place that calls `invoke`.
// Argument and result types come from ./bindings, generated from the Rust definitions
// (never edit those by hand; `cargo test` regenerates them).
import { invoke } from "@tauri-apps/api/core";
import type { Alliance } from "./bindings/Alliance";
import type { AllianceDetailView } from "./bindings/AllianceDetailView";
import type { AllianceDraft } from "./bindings/AllianceDraft";
import type { AcceptedView } from "./bindings/AcceptedView";
import type { Action } from "./bindings/Action";
import type { Agreement } from "./bindings/Agreement";
import type { AllianceId } from "./bindings/AllianceId";
import type { AllianceImportView } from "./bindings/AllianceImportView";
import type { AnswerSheet } from "./bindings/AnswerSheet";
import type { AnswersView } from "./bindings/AnswersView";
import type { AppInfoView } from "./bindings/AppInfoView";
import type { CheckInView } from "./bindings/CheckInView";
import type { CardPreview } from "./bindings/CardPreview";
import type { Comparison } from "./bindings/Comparison";
import type { Drift } from "./bindings/Drift";
import type { ExchangeView } from "./bindings/ExchangeView";
import type { Expectation } from "./bindings/Expectation";
import type { HistoryView } from "./bindings/HistoryView";
import type { IdentityView } from "./bindings/IdentityView";
import type { IpcError } from "./bindings/IpcError";
import type { ItemStatus } from "./bindings/ItemStatus";
import type { NegotiationView } from "./bindings/NegotiationView";
import type { PartyId } from "./bindings/PartyId";
import type { QuestionSet } from "./bindings/QuestionSet";
import type { QuestionId } from "./bindings/QuestionId";
import type { QuestionSetView } from "./bindings/QuestionSetView";
import type { ReviewDueView } from "./bindings/ReviewDueView";
import type { RevisitView } from "./bindings/RevisitView";
import type { RoundView } from "./bindings/RoundView";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportPreview } from "./bindings/ExportPreview";
import type { SavedExport } from "./bindings/SavedExport";
import type { VersionChange } from "./bindings/VersionChange";

export const api = {
  appInfo: () => call<AppInfoView>("app_info"),
  /** Once the alliance list first shows; does nothing unless the start-up probe is on (ACCORD_STARTUP_PROBE=1). */
  startupReady: () => call<null>("startup_ready"),
  listAlliances: (includeDeleted: boolean) =>
    call<Alliance[]>("list_alliances", { includeDeleted }),
  getAlliance: (id: AllianceId) => call<AllianceDetailView>("get_alliance", { id }),
  createAlliance: (draft: AllianceDraft) => call<Alliance>("create_alliance", { draft }),
  renameAlliance: (id: AllianceId, name: string) =>
    call<Alliance>("rename_alliance", { id, name }),
  deleteAlliance: (id: AllianceId) => call<Alliance>("delete_alliance", { id }),
  restoreAlliance: (id: AllianceId) => call<Alliance>("restore_alliance", { id }),

  // The private questionnaire. Answers and the comparison need the partner unlocked in this
  // window (setPassphrase or unlockParty); unlocking one partner locks any other.
  getQuestionSet: (alliance: AllianceId) =>
    call<QuestionSetView>("get_question_set", { alliance }),
  saveQuestionSet: (alliance: AllianceId, set: QuestionSet) =>
    call<QuestionSetView>("save_question_set", { alliance, set }),
  getRound: (alliance: AllianceId) => call<RoundView>("get_round", { alliance }),
  setPassphrase: (alliance: AllianceId, party: PartyId, passphrase: string) =>
    call<RoundView>("set_passphrase", { alliance, party, passphrase }),
  unlockParty: (alliance: AllianceId, party: PartyId, passphrase: string) =>
    call<RoundView>("unlock_party", { alliance, party, passphrase }),
  lockParty: (alliance: AllianceId) => call<RoundView>("lock_party", { alliance }),
  /** The partner's saved answers of the current round, or the sheet to start from (with where
   *  it was carried from, in a later round). */
  getAnswers: (alliance: AllianceId, party: PartyId) =>
    call<AnswersView>("get_answers", { alliance, party }),
  saveAnswers: (alliance: AllianceId, sheet: AnswerSheet) =>
    call<RoundView>("save_answers", { alliance, sheet }),
  sealAnswers: (alliance: AllianceId, party: PartyId) =>
    call<RoundView>("seal_answers", { alliance, party }),
  getComparison: (alliance: AllianceId, party: PartyId) =>
    call<Comparison>("get_comparison", { alliance, party }),
  openNextRound: (alliance: AllianceId) => call<RoundView>("open_next_round", { alliance }),

  // The exchange with partners on other machines. Paths come from the dialog plugin
  // (lib/dialogs.ts); the backend reads and writes the files. Every `passphrase` here is the
  // identity's, not a partner's questionnaire passphrase.
  getIdentity: () => call<IdentityView | null>("get_identity"),
  createIdentity: (name: string, passphrase: string) =>
    call<IdentityView>("create_identity", { name, passphrase }),
  exportCard: (path: string) => call<null>("export_card", { path }),
  previewCard: (path: string) => call<CardPreview>("preview_card", { path }),
  /** Binds the card at `path` only if its fingerprint is still the one the user confirmed. */
  bindCard: (alliance: AllianceId, party: PartyId, path: string, confirmedFingerprint: string) =>
    call<ExchangeView>("bind_card", { alliance, party, path, confirmedFingerprint }),
  bindMe: (alliance: AllianceId, party: PartyId) => call<ExchangeView>("bind_me", { alliance, party }),
  getExchange: (alliance: AllianceId) => call<ExchangeView>("get_exchange", { alliance }),
  exportAlliance: (alliance: AllianceId, path: string) =>
    call<null>("export_alliance", { alliance, path }),
  importAlliance: (path: string) => call<AllianceImportView>("import_alliance", { path }),
  /** Seals my saved answers (read with my partner key: unlocked already, or `answersPassphrase`). */
  sealEnvelope: (alliance: AllianceId, passphrase: string, answersPassphrase: string | null, path: string) =>
    call<ExchangeView>("seal_envelope", { alliance, passphrase, answersPassphrase, path }),
  exportMyEnvelope: (alliance: AllianceId, passphrase: string, path: string) =>
    call<null>("export_my_envelope", { alliance, passphrase, path }),
  importEnvelope: (alliance: AllianceId, path: string) =>
    call<AcceptedView>("import_envelope", { alliance, path }),
  exportReveal: (alliance: AllianceId, passphrase: string, path: string) =>
    call<null>("export_reveal", { alliance, passphrase, path }),
  importReveal: (alliance: AllianceId, passphrase: string, path: string) =>
    call<AcceptedView>("import_reveal", { alliance, passphrase, path }),
  getExchangeComparison: (alliance: AllianceId, passphrase: string) =>
    call<Comparison>("get_exchange_comparison", { alliance, passphrase }),

  // The negotiation of the current round. Every step is taken by the partner unlocked in this
  // window (`Locked` when nobody is); the other partner unlocks to answer.
  getNegotiation: (alliance: AllianceId) => call<NegotiationView>("get_negotiation", { alliance }),
  /** `value` for propose and counter only; an empty comment is dropped. */
  recordStep: (
    alliance: AllianceId,
    question: QuestionId,
    action: Action,
    value: Expectation | null,
    comment: string | null,
  ) => call<ItemStatus>("record_step", { alliance, question, action, value, comment }),
  /** Dated today by the app's clock; refused (Conflict) while an item at or above `threshold` is open. */
  freezeAgreement: (alliance: AllianceId, threshold: number, reviewOn: string) =>
    call<Agreement>("freeze_agreement", { alliance, threshold, reviewOn }),
  listAgreements: (alliance: AllianceId) => call<Agreement[]>("list_agreements", { alliance }),
  /** What the export will hold: the PDF's pages, or the text of the other formats. */
  previewExport: (alliance: AllianceId, number: number, format: ExportFormat) =>
    call<ExportPreview>("preview_export", { alliance, number, format }),
  /** Writes the export atomically to `path`, chosen in the save dialog. */
  exportAgreement: (alliance: AllianceId, number: number, format: ExportFormat, path: string) =>
    call<SavedExport>("export_agreement", { alliance, number, format, path }),
  /** This machine's identity signs (scrypt: about a second); returns the agreement with every signature. */
  signAgreement: (alliance: AllianceId, number: number, passphrase: string) =>
    call<Agreement>("sign_agreement", { alliance, number, passphrase }),

  // Revisiting an agreement. The agreements' numbers and dates and the review cadence need
  // nobody unlocked; check-ins, drift, history and version differences are the unlocked
  // partner's own (`Locked` when nobody is).
  getRevisit: (alliance: AllianceId) => call<RevisitView>("get_revisit", { alliance }),
  /** Refused (InvalidInput) outside the store's range, `min_interval_days` to `max_interval_days`. */
  setReviewInterval: (alliance: AllianceId, days: number) =>
    call<RevisitView>("set_review_interval", { alliance, days }),
  /** Alliances whose review date is near or passed, soonest first. */
  listReviewsDue: () => call<ReviewDueView[]>("list_reviews_due"),
  getCheckIn: (alliance: AllianceId) => call<CheckInView>("get_check_in", { alliance }),
  /** A dated check-in of the unlocked partner's answers; returns their drift from it. */
  recordCheckIn: (alliance: AllianceId, sheet: AnswerSheet) =>
    call<Drift>("record_check_in", { alliance, sheet }),
  getDrift: (alliance: AllianceId) => call<Drift>("get_drift", { alliance }),
  getHistory: (alliance: AllianceId) => call<HistoryView>("get_history", { alliance }),
  diffAgreements: (alliance: AllianceId, older: number, newer: number) =>
    call<VersionChange[]>("diff_agreements", { alliance, older, newer }),
};

/** Invokes a command; rejections are always an IpcError, whatever went wrong. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    typeof (value as { message: unknown }).message === "string"
  );
}

export function toIpcError(error: unknown): IpcError {
  if (isIpcError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { code: "Unknown", message };
}
