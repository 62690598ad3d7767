// Test helper: an in-memory stand-in for the Rust backend behind mockIPC. It implements the
// alliance commands closely enough for view tests and records every call for assertions.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Alliance } from "../lib/bindings/Alliance";
import type { AllianceChange } from "../lib/bindings/AllianceChange";
import type { AllianceDraft } from "../lib/bindings/AllianceDraft";
import type { AllianceRevision } from "../lib/bindings/AllianceRevision";
import type { AnswerSheet } from "../lib/bindings/AnswerSheet";
import type { AnswersView } from "../lib/bindings/AnswersView";
import type { AcceptedView } from "../lib/bindings/AcceptedView";
import type { AppInfoView } from "../lib/bindings/AppInfoView";
import type { CardPreview } from "../lib/bindings/CardPreview";
import type { ExchangeView } from "../lib/bindings/ExchangeView";
import type { IdentityView } from "../lib/bindings/IdentityView";
import type { PartyExchangeView } from "../lib/bindings/PartyExchangeView";
import type { Comparison } from "../lib/bindings/Comparison";
import type { IpcError } from "../lib/bindings/IpcError";
import type { RoundView } from "../lib/bindings/RoundView";
import type { QuestionSet } from "../lib/bindings/QuestionSet";
import type { QuestionSetView } from "../lib/bindings/QuestionSetView";
import type { Action } from "../lib/bindings/Action";
import type { ExportFormat } from "../lib/bindings/ExportFormat";
import type { ExportPreview } from "../lib/bindings/ExportPreview";
import type { SavedExport } from "../lib/bindings/SavedExport";
import type { Agreement } from "../lib/bindings/Agreement";
import type { Expectation } from "../lib/bindings/Expectation";
import type { ItemStatus } from "../lib/bindings/ItemStatus";
import type { NegotiationView } from "../lib/bindings/NegotiationView";
import type { UnresolvedView } from "../lib/bindings/UnresolvedView";
import type { CheckInView } from "../lib/bindings/CheckInView";
import type { Drift } from "../lib/bindings/Drift";
import type { HistoryView } from "../lib/bindings/HistoryView";
import type { ReviewDueView } from "../lib/bindings/ReviewDueView";
import type { RevisitView } from "../lib/bindings/RevisitView";
import type { VersionChange } from "../lib/bindings/VersionChange";

export type Call = { cmd: string; args: Record<string, unknown> };

/** A file on the fake disk, as the exchange commands read it. */
export type FakeFile =
  | { type: "card"; name: string; fingerprint: string }
  | { type: "envelope"; alliance: string; party: string; commitment: string }
  | { type: "reveal"; alliance: string; party: string }
  | { type: "alliance"; alliance: Alliance };

type PartyExchange = Omit<PartyExchangeView, "party">;

export const T0 = Date.UTC(2025, 2, 3, 14, 5);

export function makeAlliance(overrides: Partial<Alliance> & { id: string; name: string }): Alliance {
  return {
    kind: "joint-venture",
    parties: [
      { id: "p1", name: "Acme" },
      { id: "p2", name: "Globex" },
    ],
    terms: [{ id: "t1", text: "Revenue split 50/50" }],
    revision: 1,
    created_at: T0,
    updated_at: T0,
    deleted: false,
    ...overrides,
  };
}

/** A small question set with one question of every kind, in two categories (for questionnaire tests:
 *  `backend.useQuestionSet("a1", sampleQuestionSet())`). */
export function sampleQuestionSet(): QuestionSet {
  return {
    id: "sample",
    title: "Sample questions",
    kind: "joint-venture",
    categories: [
      { id: "money", title: "Money" },
      { id: "ways", title: "Ways of working" },
    ],
    terms: [{ id: "t1", text: "Revenue split 50/50" }],
    questions: [
      { id: "hours", category: "ways", text: "How many hours a week will each side give?", type: "number", unit: "hours", per: "week" },
      { id: "budget", category: "money", text: "What budget do you expect?", type: "number" },
      { id: "split", category: "money", text: "How are costs split?", type: "share", term: "t1" },
      { id: "duration", category: "ways", text: "How long does the alliance run?", type: "duration" },
      { id: "meetings", category: "ways", text: "How often do we meet?", type: "frequency" },
      { id: "launch", category: "ways", text: "When is the launch?", type: "date" },
      { id: "formality", category: "ways", text: "How formal should meetings be?", type: "scale", min: 1, max: 5, low: "casual", high: "formal" },
      {
        id: "rule",
        category: "ways",
        text: "How are decisions taken?",
        type: "choice",
        options: [
          { id: "consensus", label: "Consensus" },
          { id: "majority", label: "Majority" },
          { id: "lead", label: "Lead decides" },
        ],
      },
      {
        id: "channels",
        category: "ways",
        text: "Which channels do we use?",
        type: "set",
        options: [
          { id: "newsletter", label: "Newsletter" },
          { id: "webinar", label: "Webinar" },
          { id: "fair", label: "Trade fair" },
        ],
      },
      { id: "venue", category: "money", text: "Who pays the venue?", type: "party" },
      { id: "prelude", category: "ways", text: "Is this a prelude to a joint venture?", type: "yes_no" },
      { id: "success", category: "ways", text: "What does success look like?", type: "text" },
    ],
  };
}

/** One partner in the current round. `carried`: the sheet a new round starts from while nothing is
 *  saved in it, as the backend carries it from the partner's own earlier answers. */
type PartyRound = {
  passphrase: string | null;
  sheets: AnswerSheet[];
  sealed_at: number | null;
  carried?: AnswersView | null;
};
type Questionnaire = {
  round: number;
  parties: Map<string, PartyRound>;
  unlocked: string | null;
};

export function sampleComparison(): Comparison {
  const score = { score: 1, aligned: 0, compatible: 0, divergent: 0, conflict: 0, unanswered: 0 };
  return {
    question_set: "sample",
    title: "Sample questions",
    a: { party: "p1", party_name: "Acme", respondent: "Acme", label: "Acme" },
    b: { party: "p2", party_name: "Globex", respondent: "Globex", label: "Globex" },
    gaps: [],
    overall: score,
    categories: [],
    balance: [],
    imbalanced: false,
    perception: [],
    paper_terms: [],
  };
}

/** Two disputed questions (a conflict and a divergence) and one only Acme answered. Acme is
 *  side A, Globex side B; `today` is 2025-03-03. */
export function sampleNegotiation(): NegotiationView {
  const yes: Expectation = { type: "yes_no", value: "yes" };
  const no: Expectation = { type: "yes_no", value: "no" };
  const hours = (value: number): Expectation => ({ type: "number", value, unit: "hours", per: "week" });
  return {
    round: 1,
    acting_as: "p1",
    a: "p1",
    b: "p2",
    suggestions: {
      a: "Acme",
      b: "Globex",
      method: "exact",
      disputed: [
        {
          question: "prelude",
          text: "Is this a prelude to a joint venture?",
          verdict: "conflict",
          severity: 80,
          a_shown: "yes",
          b_shown: "no",
          importance_a: 2,
          importance_b: 5,
          options: [
            { value: no, shown: "no", origin: { kind: "firmer_partner", side: "b" }, why: "Globex is firm and it matters more to Globex.", utility_a: 0.3, utility_b: 1 },
            { value: yes, shown: "yes", origin: { kind: "first_choice", side: "a" }, why: "Acme's first choice.", utility_a: 1, utility_b: 0 },
          ],
        },
        {
          question: "hours",
          text: "How many hours a week will each side give?",
          verdict: "divergent",
          severity: 50,
          a_shown: "10 hours per week",
          b_shown: "20 hours per week",
          importance_a: 4,
          importance_b: 2,
          options: [
            { value: hours(15), shown: "15 hours per week", origin: { kind: "midpoint" }, why: "Halfway between the first choices.", utility_a: 0.6, utility_b: 0.6 },
            { value: hours(10), shown: "10 hours per week", origin: { kind: "first_choice", side: "a" }, why: "Acme's first choice.", utility_a: 1, utility_b: 0.2 },
          ],
        },
      ],
      packages: [
        { picks: [0, 1], gain_a: 0.8, gain_b: 0.75, nash: 0.6, even: true, why: "Acme gets its way on 1 question, Globex on 1 question. Acme keeps 80% of what it hoped for, Globex 75%: an even balance." },
        { picks: [0, 0], gain_a: 0.5, gain_b: 0.9, nash: 0.45, even: false, why: "Globex gains more than Acme." },
      ],
    },
    items: [
      { question: "prelude", status: { status: "open", last: null }, steps: [] },
      { question: "hours", status: { status: "open", last: null }, steps: [] },
    ],
    questions: [
      { id: "prelude", category: "ways", text: "Is this a prelude to a joint venture?", type: "yes_no" },
      { id: "hours", category: "ways", text: "How many hours a week will each side give?", type: "number", unit: "hours", per: "week" },
    ],
    unresolved: [
      { question: "prelude", text: "Is this a prelude to a joint venture?", severity: 80 },
      { question: "hours", text: "How many hours a week will each side give?", severity: 50 },
      { question: "nda", text: "Is an NDA needed?", severity: 30 },
    ],
    agreement: null,
    today: "2025-03-03",
    default_threshold: 40,
    default_review_on: "2025-09-03",
  };
}

/** An alliance's revisit facts with no agreement yet, as on a fresh alliance. */
export function sampleRevisit(overrides: Partial<RevisitView> = {}): RevisitView {
  return {
    agreements: [],
    review_interval_days: 182,
    interval_chosen: false,
    min_interval_days: 7,
    max_interval_days: 1830,
    notice_days: 14,
    next_review: null,
    today: "2025-03-03",
    ...overrides,
  };
}

/** Agreement 1 of round 1, reviewed on 2025-09-03. */
export function sampleRevisitWithAgreement(): RevisitView {
  return sampleRevisit({
    agreements: [
      { number: 1, round: 1, agreed_on: "2025-03-03", review_on: "2025-09-03", hash: "9f".repeat(32), agreed: 3, open: 1, signatures: 0 },
    ],
    next_review: { agreement: 1, review_on: "2025-09-03", due: false, overdue: false },
  });
}

/** Acme's drift: the prelude moved from yes to no since a check-in on T0 + 1 day. */
export function sampleDrift(): Drift {
  return {
    party: "p1",
    agreement: 1,
    items: [
      {
        question: "prelude",
        text: "Is this a prelude to a joint venture?",
        agreed: "yes",
        current: "no",
        verdict: "conflict",
        severity: 80,
        reason: "Acme says no, the agreement says yes",
        since: T0 + 86_400_000,
      },
    ],
    holding: 2,
    as_of: T0 + 86_400_000,
  };
}

export class FakeBackend {
  /** Rounds, passphrases and saved sheets by alliance id (the questionnaire commands). */
  questionnaires = new Map<string, Questionnaire>();
  comparison: Comparison = sampleComparison();

  calls: Call[] = [];
  alliances = new Map<string, Alliance>();
  history = new Map<string, AllianceRevision[]>();
  info: AppInfoView = {
    version: "0.1.0",
    schema_version: 1,
    database_path: "/home/user/.local/share/accord/accord.db",
    startup_error: null,
    backup: null,
  };
  /** When set, the named command fails with this error. */
  failures = new Map<string, IpcError>();
  /** Question sets by alliance id; an alliance without one gets a small default set. */
  questionSets = new Map<string, QuestionSetView>();
  private clock = T0;
  private nextId = 1;

  /** This machine's identity and its passphrase (the exchange commands). */
  identity: IdentityView | null = null;
  identityPassphrase = "";
  /** Files the commands may read, by path; what they wrote, by path. */
  files = new Map<string, FakeFile>();
  written = new Map<string, string>();
  /** The negotiation of each alliance's round (the negotiation commands); acting_as follows
   *  whoever is unlocked. */
  negotiations = new Map<string, NegotiationView>();
  agreementsBy = new Map<string, Agreement[]>();
  /** Revisiting (the revisit commands): facts by alliance, what each check-in returns, the
   *  history, the differences between versions, and the reviews due. */
  revisits = new Map<string, RevisitView>();
  drifts = new Map<string, Drift>();
  checkInSheets: { alliance: string; sheet: AnswerSheet }[] = [];
  histories = new Map<string, HistoryView>();
  versionChanges: VersionChange[] = [];
  reviewsDue: ReviewDueView[] = [];
  /** Per alliance, per party: cards, envelopes and reveals of the current round. */
  exchanges = new Map<string, Map<string, PartyExchange>>();

  constructor(seed: Alliance[] = []) {
    for (const alliance of seed) {
      this.alliances.set(alliance.id, alliance);
      this.history.set(alliance.id, [
        { revision: 1, recorded_at: alliance.created_at, change: { type: "created" }, name: alliance.name, deleted: false },
      ]);
    }
  }

  install(): this {
    mockIPC((cmd, payload) => this.handle(cmd, (payload ?? {}) as Record<string, unknown>));
    return this;
  }

  callsTo(cmd: string): Call[] {
    return this.calls.filter((c) => c.cmd === cmd);
  }

  private handle(cmd: string, args: Record<string, unknown>): unknown {
    this.calls.push({ cmd, args });
    const failure = this.failures.get(cmd);
    if (failure) throw failure;
    switch (cmd) {
      case "app_info":
        return this.info;
      case "startup_ready":
        return null;
      case "list_alliances":
        return [...this.alliances.values()].filter((a) => args.includeDeleted || !a.deleted);
      case "get_alliance":
        return { alliance: this.get(args.id as string), history: this.history.get(args.id as string) ?? [] };
      case "create_alliance":
        return this.create(args.draft as AllianceDraft);
      case "rename_alliance": {
        const current = this.get(args.id as string);
        if (current.deleted) throw { code: "AllianceDeleted", message: "the alliance is deleted" } satisfies IpcError;
        return this.update(current, { name: args.name as string }, { type: "renamed", from: current.name, to: args.name as string });
      }
      case "delete_alliance":
        return this.update(this.get(args.id as string), { deleted: true }, { type: "deleted" });
      case "restore_alliance":
        return this.update(this.get(args.id as string), { deleted: false }, { type: "restored" });
      case "get_question_set":
        return this.questionSet(args.alliance as string);
      case "save_question_set":
        return this.saveQuestionSet(args.alliance as string, args.set as QuestionSet);
      case "get_round":
        return this.roundView(args.alliance as string);
      case "set_passphrase": {
        const q = this.questionnaire(args.alliance as string);
        const party = this.partyRound(q, args.party as string);
        const passphrase = args.passphrase as string;
        if (party.passphrase !== null) throw { code: "Conflict", message: "this partner already has a passphrase" } satisfies IpcError;
        if (passphrase.length < 8) throw { code: "InvalidInput", message: "a passphrase has at least 8 characters" } satisfies IpcError;
        party.passphrase = passphrase;
        q.unlocked = args.party as string;
        return this.roundView(args.alliance as string);
      }
      case "unlock_party": {
        const q = this.questionnaire(args.alliance as string);
        const party = this.partyRound(q, args.party as string);
        if (party.passphrase === null || party.passphrase !== args.passphrase)
          throw { code: "WrongPassphrase", message: "wrong passphrase; nothing was changed" } satisfies IpcError;
        q.unlocked = args.party as string;
        return this.roundView(args.alliance as string);
      }
      case "lock_party":
        this.questionnaire(args.alliance as string).unlocked = null;
        return this.roundView(args.alliance as string);
      case "get_answers": {
        const alliance = this.get(args.alliance as string);
        const q = this.unlockedAs(args.alliance as string, args.party as string);
        const party = this.partyRound(q, args.party as string);
        const saved = party.sheets[party.sheets.length - 1];
        if (saved) return { sheet: saved, carried_from: null } satisfies AnswersView;
        return party.carried ?? ({ sheet: this.blankSheet(alliance, args.party as string), carried_from: null } satisfies AnswersView);
      }
      case "save_answers": {
        const sheet = args.sheet as AnswerSheet;
        const q = this.unlockedAs(args.alliance as string, sheet.party);
        const party = this.partyRound(q, sheet.party);
        if (party.sealed_at !== null) throw { code: "Conflict", message: "these answers are sealed" } satisfies IpcError;
        party.sheets.push(structuredClone(sheet));
        return this.roundView(args.alliance as string);
      }
      case "seal_answers": {
        const q = this.unlockedAs(args.alliance as string, args.party as string);
        const alliance = this.get(args.alliance as string);
        for (const p of alliance.parties) {
          if (this.partyRound(q, p.id).passphrase === null)
            throw { code: "Conflict", message: `${p.name} has not set a passphrase yet; every partner needs one before sealing` } satisfies IpcError;
        }
        this.partyRound(q, args.party as string).sealed_at = (this.clock += 60_000);
        this.questionSet(args.alliance as string).editable = false;
        return this.roundView(args.alliance as string);
      }
      case "get_comparison": {
        const view = this.roundView(args.alliance as string);
        if (!view.all_sealed) throw { code: "NotAllSealed", message: "not every partner has sealed" } satisfies IpcError;
        this.unlockedAs(args.alliance as string, args.party as string);
        return this.comparison;
      }
      case "open_next_round": {
        const q = this.questionnaire(args.alliance as string);
        if (!this.roundView(args.alliance as string).all_sealed)
          throw { code: "NotAllSealed", message: "not every partner has sealed" } satisfies IpcError;
        const questions = this.questionSet(args.alliance as string).set.questions.length;
        for (const p of q.parties.values()) {
          // Like the backend: each partner starts from their own sealed answers.
          const sealed = p.sheets[p.sheets.length - 1];
          p.carried =
            sealed && p.sealed_at !== null
              ? {
                  sheet: structuredClone(sealed),
                  carried_from: {
                    source: { kind: "sealed_answers", round: q.round, sealed_at: p.sealed_at },
                    carried: sealed.answers.length,
                    changed: 0,
                    blank: questions - sealed.answers.length,
                  },
                }
              : null;
          p.sealed_at = null;
          p.sheets = [];
        }
        q.round += 1;
        this.questionSet(args.alliance as string).editable = true;
        return this.roundView(args.alliance as string);
      }
      case "get_negotiation":
      case "record_step":
      case "freeze_agreement":
      case "list_agreements":
      case "preview_export":
      case "export_agreement":
      case "sign_agreement":
        return this.handleNegotiation(cmd, args);
      case "get_revisit":
      case "set_review_interval":
      case "list_reviews_due":
      case "get_check_in":
      case "record_check_in":
      case "get_drift":
      case "get_history":
      case "diff_agreements":
        return this.handleRevisit(cmd, args);
      default:
        return this.handleExchange(cmd, args);
    }
  }

  private handleExchange(cmd: string, args: Record<string, unknown>): unknown {
    const alliance = args.alliance as string;
    switch (cmd) {
      case "get_identity":
        return this.identity;
      case "create_identity": {
        if ((args.passphrase as string).length < 8)
          throw { code: "InvalidInput", message: "the passphrase is 3 characters long; use at least 8" } satisfies IpcError;
        this.identity = { name: args.name as string, fingerprint: "AAAA-BBBB-CCCC-DDDD-EEEE", created_at: (this.clock += 60_000) };
        this.identityPassphrase = args.passphrase as string;
        return this.identity;
      }
      case "export_card":
      case "export_alliance":
        this.written.set(args.path as string, cmd);
        return null;
      case "preview_card": {
        const file = this.file(args.path as string, "card");
        return { name: file.name, fingerprint: file.fingerprint } satisfies CardPreview;
      }
      case "bind_card": {
        const file = this.file(args.path as string, "card");
        if (file.fingerprint !== args.confirmedFingerprint)
          throw { code: "RefusedFile", message: "the card file changed after you confirmed its fingerprint" } satisfies IpcError;
        this.standing(alliance, args.party as string).card = {
          name: file.name,
          fingerprint: file.fingerprint,
          mine: false,
          bound_at: (this.clock += 60_000),
        };
        return this.exchangeView(alliance);
      }
      case "bind_me": {
        if (!this.identity) throw { code: "NoIdentity", message: "no identity on this machine yet; create yours first" } satisfies IpcError;
        this.standing(alliance, args.party as string).card = {
          name: this.identity.name,
          fingerprint: this.identity.fingerprint,
          mine: true,
          bound_at: (this.clock += 60_000),
        };
        return this.exchangeView(alliance);
      }
      case "get_exchange":
        return this.exchangeView(alliance);
      case "import_alliance": {
        const imported = this.file(args.path as string, "alliance").alliance;
        const created = !this.alliances.has(imported.id);
        this.alliances.set(imported.id, imported);
        if (created)
          this.history.set(imported.id, [{ revision: 1, recorded_at: imported.created_at, change: { type: "created" }, name: imported.name, deleted: false }]);
        return { alliance: imported, created, questions_updated: created };
      }
      case "seal_envelope": {
        this.checkPassphrase(args.passphrase as string);
        const me = this.exchangeView(alliance).me;
        if (!me) throw { code: "NoIdentity", message: "not bound" } satisfies IpcError;
        Object.assign(this.standing(alliance, me), { envelope_at: (this.clock += 60_000), commitment: "c0ffee".padEnd(64, "0") });
        this.written.set(args.path as string, "envelope");
        return this.exchangeView(alliance);
      }
      case "export_my_envelope":
      case "export_reveal":
        this.checkPassphrase(args.passphrase as string);
        this.written.set(args.path as string, cmd);
        return null;
      case "import_envelope": {
        const file = this.file(args.path as string, "envelope");
        const s = this.standing(alliance, file.party);
        if (s.envelope_at !== null)
          throw { code: "Conflict", message: `${this.partyName(alliance, file.party)}'s envelope for round 1 is already recorded; nothing was changed` } satisfies IpcError;
        Object.assign(s, { envelope_at: (this.clock += 60_000), commitment: file.commitment });
        return this.accepted(alliance, file.party, null);
      }
      case "import_reveal": {
        this.checkPassphrase(args.passphrase as string);
        const file = this.file(args.path as string, "reveal");
        this.standing(alliance, file.party).revealed_at = (this.clock += 60_000);
        const open = this.exchangeView(alliance).all_open;
        return this.accepted(alliance, file.party, open ? this.comparison : null);
      }
      case "get_exchange_comparison":
        this.checkPassphrase(args.passphrase as string);
        return this.comparison;
      default:
        throw { code: "Unknown", message: `unknown command ${cmd}` } satisfies IpcError;
    }
  }

  /** Test setup: a sealed round with `view` to negotiate, and `party` unlocked. */
  useNegotiation(alliance: string, view: NegotiationView, party: string | null = "p1"): void {
    const q = this.questionnaire(alliance);
    for (const p of q.parties.values()) Object.assign(p, { passphrase: "a long passphrase", sealed_at: T0 });
    q.unlocked = party;
    this.negotiations.set(alliance, structuredClone(view));
  }

  private handleNegotiation(cmd: string, payload: Record<string, unknown>): unknown {
    // As over real IPC, the arguments arrive as JSON (not the UI's reactive objects).
    const args = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    const alliance = args.alliance as string;
    const q = this.questionnaire(alliance);
    const me = q.unlocked;
    if (!me) throw { code: "Locked", message: "nobody is unlocked in this window; unlock with your own passphrase to negotiate" } satisfies IpcError;
    const view = this.negotiations.get(alliance);
    if (!view) throw { code: "NotAllSealed", message: "not every partner has sealed" } satisfies IpcError;
    view.acting_as = me;
    switch (cmd) {
      case "get_negotiation":
        return structuredClone(view);
      case "list_agreements":
        return this.agreementsBy.get(alliance) ?? [];
      case "preview_export":
        return this.previewExport(this.agreementOf(alliance, args.number as number), args.format as ExportFormat);
      case "export_agreement": {
        const agreement = this.agreementOf(alliance, args.number as number);
        const preview = this.previewExport(agreement, args.format as ExportFormat);
        this.written.set(args.path as string, `${args.format as string}:${agreement.hash}:${agreement.signatures.length}`);
        return { path: args.path as string, bytes: preview.bytes } satisfies SavedExport;
      }
      case "sign_agreement": {
        const agreement = this.agreementOf(alliance, args.number as number);
        if (!this.identity) throw { code: "NoIdentity", message: "this machine has no identity yet" } satisfies IpcError;
        if (args.passphrase !== this.identityPassphrase)
          throw { code: "WrongPassphrase", message: "the passphrase does not open this identity" } satisfies IpcError;
        if (agreement.signatures.some((s) => s.party === me))
          throw { code: "Conflict", message: `${me} has already signed agreement ${agreement.number}` } satisfies IpcError;
        agreement.signatures.push({
          party: me,
          name: this.identity.name,
          encryption: "age1fake",
          signing: "fake",
          fingerprint: this.identity.fingerprint,
          signature: "fake",
        });
        if (view.agreement?.number === agreement.number) view.agreement = structuredClone(agreement);
        return structuredClone(agreement);
      }
      case "record_step":
        return this.recordStep(view, me, args);
      case "freeze_agreement": {
        if (view.agreement) throw { code: "Conflict", message: "round 1 already has an agreement" } satisfies IpcError;
        const threshold = args.threshold as number;
        const blocking = view.unresolved.filter((u) => u.severity >= threshold);
        if (blocking.length > 0)
          throw { code: "Conflict", message: `${blocking.length} unresolved items at or above severity ${threshold}` } satisfies IpcError;
        const list = this.agreementsBy.get(alliance) ?? [];
        const parties = this.get(alliance).parties;
        const agreed = view.items.filter((i) => i.status.status === "agreed");
        const agreement: Agreement = {
          format: "accord.agreement",
          version: 1,
          alliance: { id: alliance, name: this.get(alliance).name, kind: this.get(alliance).kind },
          parties,
          number: list.length + 1,
          round: view.round,
          agreed_on: view.today,
          review_on: args.reviewOn as string,
          threshold,
          items: agreed.map((i) => {
            const d = view.suggestions.disputed.find((x) => x.question === i.question)!;
            const proposal = i.status.status === "agreed" ? i.status.proposal : null;
            return {
              question: i.question,
              category: "ways",
              text: d.text,
              value: proposal!.value,
              shown: proposal!.shown,
              settled: "negotiated",
              verdict: d.verdict,
              severity: d.severity,
              expected: [],
            };
          }),
          open: view.unresolved.map((u) => ({ question: u.question, category: "ways", text: u.text, verdict: "divergent", severity: u.severity, expected: [] })),
          balance: [
            { party: "p1", gain: 0.8 },
            { party: "p2", gain: 0.75 },
          ],
          hash: "9f".repeat(32),
          signatures: [],
        };
        list.push(agreement);
        this.agreementsBy.set(alliance, list);
        view.agreement = agreement;
        return agreement;
      }
    }
    return null;
  }

  private agreementOf(alliance: string, number: number): Agreement {
    const found = (this.agreementsBy.get(alliance) ?? []).find((a) => a.number === number);
    if (!found) throw { code: "NotFound", message: `the alliance has no agreement number ${number}` } satisfies IpcError;
    return found;
  }

  /** A PDF previews as one page with the title and the hash; the rest as a line of text. */
  private previewExport(agreement: Agreement, format: ExportFormat): ExportPreview {
    const extension = { pdf: "pdf", html: "html", markdown: "md", json: "json" }[format];
    const file_name = `${agreement.alliance.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-agreement-${agreement.number}.${extension}`;
    if (format === "pdf") {
      const line = (text: string, baseline: number, bold = false) => ({ x: 48, baseline, size: bold ? 17 : 8.5, bold, gray: 0, advance: text.length * 5, text });
      return {
        format,
        file_name,
        bytes: 48_213,
        content: {
          kind: "pages",
          pages: [
            {
              width: 595.276,
              height: 841.89,
              boxes: [{ x: 48, y: 120, width: 499, height: 14, gray: 0.93 }],
              rules: [{ x1: 48, y1: 134, x2: 547, y2: 134, thickness: 0.5, gray: 0.4 }],
              lines: [
                line(`Agreement ${agreement.number}: ${agreement.alliance.name}`, 69, true),
                line(`Signatures: ${agreement.signatures.length}`, 100),
                line(agreement.hash, 810),
              ],
            },
          ],
        },
      };
    }
    const text = `${format} of agreement ${agreement.number} (${agreement.hash}), ${agreement.signatures.length} signature(s)\n`;
    return { format, file_name, bytes: text.length, content: { kind: "text", text } };
  }

  private recordStep(view: NegotiationView, me: string, args: Record<string, unknown>): ItemStatus {
    if (view.agreement) throw { code: "Conflict", message: "round 1 has a frozen agreement; no more steps" } satisfies IpcError;
    const item = view.items.find((i) => i.question === args.question);
    const d = view.suggestions.disputed.find((x) => x.question === args.question);
    if (!item || !d) throw { code: "InvalidInput", message: `${String(args.question)} is not disputed in this round` } satisfies IpcError;
    const action = args.action as Action;
    const value = (args.value ?? null) as Expectation | null;
    const comment = (args.comment ?? null) as string | null;
    const status = item.status;
    const refuse = (message: string) => {
      throw { code: "Conflict", message } satisfies IpcError;
    };
    const shown = value ? (d.options.find((o) => JSON.stringify(o.value) === JSON.stringify(value))?.shown ?? JSON.stringify(value)) : null;
    let next: ItemStatus = status;
    if (status.status === "agreed") refuse("this question is already agreed for this round");
    if (action === "propose" || action === "counter") {
      if (!value) refuse("a proposal needs a value");
      if (action === "counter" && (status.status !== "proposed" || status.proposal.by === me)) refuse("there is no proposal to counter");
      next = { status: "proposed", proposal: { by: me, value: value!, shown: shown!, comment } };
    } else {
      if (status.status !== "proposed") refuse(`there is no proposal to ${action}; propose a value first`);
      const proposal = (status as Extract<ItemStatus, { status: "proposed" }>).proposal;
      if (proposal.by === me) refuse(`${me} made this proposal; the other partner accepts, rejects or counters it`);
      next = action === "accept" ? { status: "agreed", proposal, accepted_by: me, comment } : { status: "open", last: proposal };
    }
    item.status = next;
    item.steps.push({ party: me, action, value, shown, comment, at: (this.clock += 60_000) });
    const open: UnresolvedView[] = view.unresolved.filter((u) => u.question !== item.question);
    if (next.status !== "agreed") open.push({ question: d.question, text: d.text, severity: d.severity });
    view.unresolved = open.sort((x, y) => y.severity - x.severity);
    return structuredClone(next);
  }

  /** Test setup: agreement 1 frozen for `alliance` with `sampleDrift()`, the sample round sealed
   *  and `party` unlocked. */
  useRevisit(alliance: string, party: string | null = "p1"): void {
    const q = this.questionnaire(alliance);
    for (const p of q.parties.values()) Object.assign(p, { passphrase: "a long passphrase", sealed_at: T0 });
    q.unlocked = party;
    this.revisits.set(alliance, sampleRevisitWithAgreement());
    this.drifts.set(alliance, sampleDrift());
  }

  private handleRevisit(cmd: string, payload: Record<string, unknown>): unknown {
    const args = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    if (cmd === "list_reviews_due") return this.reviewsDue;
    const alliance = args.alliance as string;
    this.get(alliance);
    const revisit = this.revisits.get(alliance) ?? sampleRevisit();
    switch (cmd) {
      case "get_revisit":
        return revisit;
      case "set_review_interval": {
        const days = args.days as number;
        if (days < revisit.min_interval_days || days > revisit.max_interval_days)
          throw { code: "InvalidInput", message: `a review interval is 7 to 1,830 days, not ${days}` } satisfies IpcError;
        const next = { ...revisit, review_interval_days: days, interval_chosen: true };
        this.revisits.set(alliance, next);
        return next;
      }
    }
    const me = this.questionnaire(alliance).unlocked;
    if (!me) throw { code: "Locked", message: "nobody is unlocked in this window; unlock with your own passphrase to negotiate" } satisfies IpcError;
    if (revisit.agreements.length === 0) throw { code: "NotFound", message: "the alliance has no agreement yet; check-ins, drift and history start once the partners agree" } satisfies IpcError;
    const drift = { ...(this.drifts.get(alliance) ?? sampleDrift()), party: me };
    switch (cmd) {
      case "get_drift":
        return drift;
      case "get_check_in": {
        const sheet = this.checkInSheets.filter((c) => c.alliance === alliance).pop()?.sheet ?? {
          ...this.blankSheet(this.get(alliance), me),
          answers: [{ question: "prelude", value: { type: "yes_no", value: "yes" }, importance: 3, flexibility: "flexible" }],
        };
        return {
          sheet,
          agreement: {
            format: "accord.agreement",
            version: 1,
            alliance: { id: alliance, name: this.get(alliance).name, kind: this.get(alliance).kind },
            parties: this.get(alliance).parties,
            number: 1,
            round: 1,
            agreed_on: "2025-03-03",
            review_on: "2025-09-03",
            threshold: 40,
            items: [
              {
                question: "prelude",
                category: "ways",
                text: "Is this a prelude to a joint venture?",
                value: { type: "yes_no", value: "yes" },
                shown: "yes",
                settled: "negotiated",
                verdict: "conflict",
                severity: 80,
                expected: [],
              },
            ],
            open: [],
            balance: [],
            hash: "9f".repeat(32),
            signatures: [],
          },
        } satisfies CheckInView;
      }
      case "record_check_in": {
        const sheet = args.sheet as AnswerSheet;
        if (sheet.party !== me) throw { code: "InvalidInput", message: `the sheet is for ${sheet.party}, not ${me}` } satisfies IpcError;
        this.checkInSheets.push({ alliance, sheet });
        return drift;
      }
      case "get_history":
        return (
          this.histories.get(alliance) ?? {
            acting_as: me,
            check_ins: this.checkInSheets
              .filter((c) => c.alliance === alliance)
              .map((_, i) => ({ revision: i + 1, at: T0 + (i + 1) * 86_400_000, agreement: 1, drifted: 1, holding: 2 })),
            timeline: [],
          }
        );
      case "diff_agreements":
        return this.versionChanges;
    }
    return null;
  }

  /** Test setup: this machine's identity, optionally bound to `me` in `alliance`. */
  useIdentity(name: string, passphrase: string, bind?: { alliance: string; me: string }): void {
    this.identity = { name, fingerprint: "AAAA-BBBB-CCCC-DDDD-EEEE", created_at: T0 };
    this.identityPassphrase = passphrase;
    if (bind) this.standing(bind.alliance, bind.me).card = { name, fingerprint: this.identity.fingerprint, mine: true, bound_at: T0 };
  }

  /** Test setup: a party's standing in the exchange. */
  setExchange(alliance: string, party: string, patch: Partial<PartyExchange>): void {
    Object.assign(this.standing(alliance, party), patch);
  }

  exchangeView(alliance: string): ExchangeView {
    const parties = this.get(alliance).parties.map((p) => ({ party: p.id, ...this.standing(alliance, p.id) }));
    const me = parties.find((p) => p.card?.mine)?.party ?? null;
    const partners = parties.filter((p) => p.party !== me);
    return {
      round: 1,
      me,
      parties,
      questions: "q".repeat(64),
      by_envelope: partners.some((p) => p.card !== null),
      sealed: parties.some((p) => p.party === me && p.envelope_at !== null),
      can_reveal: me !== null && parties.every((p) => p.envelope_at !== null) && partners.every((p) => p.card !== null),
      all_open: me !== null && partners.every((p) => p.revealed_at !== null),
    };
  }

  private standing(alliance: string, party: string): PartyExchange {
    let parties = this.exchanges.get(alliance);
    if (!parties) this.exchanges.set(alliance, (parties = new Map()));
    let s = parties.get(party);
    if (!s) parties.set(party, (s = { card: null, envelope_at: null, commitment: null, revealed_at: null }));
    return s;
  }

  private file<T extends FakeFile["type"]>(path: string, type: T): Extract<FakeFile, { type: T }> {
    const file = this.files.get(path);
    if (!file) throw { code: "FileAccess", message: `cannot read ${path}: No such file or directory` } satisfies IpcError;
    if (file.type !== type) throw { code: "RefusedFile", message: `this is not an Accord ${type} file` } satisfies IpcError;
    return file as Extract<FakeFile, { type: T }>;
  }

  private checkPassphrase(passphrase: string): void {
    if (!this.identity) throw { code: "NoIdentity", message: "no identity on this machine yet; create yours first" } satisfies IpcError;
    if (passphrase !== this.identityPassphrase) throw { code: "WrongPassphrase", message: "wrong passphrase; nothing was changed" } satisfies IpcError;
  }

  private partyName(alliance: string, party: string): string {
    return this.get(alliance).parties.find((p) => p.id === party)?.name ?? party;
  }

  private accepted(alliance: string, party: string, comparison: Comparison | null): AcceptedView {
    return { party, partner: this.partyName(alliance, party), round: 1, all_open: comparison !== null, comparison };
  }

  /** The questionnaire state of an alliance, created from `template` on first use. */
  questionnaire(id: string): Questionnaire {
    const alliance = this.get(id);
    let q = this.questionnaires.get(id);
    if (!q) {
      q = { round: 1, parties: new Map(), unlocked: null };
      for (const p of alliance.parties) q.parties.set(p.id, { passphrase: null, sheets: [], sealed_at: null });
      this.questionnaires.set(id, q);
    }
    return q;
  }

  /** Test setup: the alliance's question set. */
  useQuestionSet(alliance: string, set: QuestionSet): void {
    this.questionSets.set(alliance, { revision: 1, editable: true, set });
  }

  /** Test setup: give a partner a passphrase (and optionally seal them) without calling commands. */
  setPartner(alliance: string, party: string, state: Partial<PartyRound>): void {
    Object.assign(this.partyRound(this.questionnaire(alliance), party), state);
  }

  /** A blank sheet of the alliance's questions for a partner, as the backend starts one. */
  sheetFor(alliance: string, party: string): AnswerSheet {
    return this.blankSheet(this.get(alliance), party);
  }

  /** The newest sheet saved for a partner. */
  lastSheet(alliance: string, party: string): AnswerSheet | undefined {
    const sheets = this.partyRound(this.questionnaire(alliance), party).sheets;
    return sheets[sheets.length - 1];
  }

  private partyRound(q: Questionnaire, party: string): PartyRound {
    const state = q.parties.get(party);
    if (!state) throw { code: "NotFound", message: `no party ${party}` } satisfies IpcError;
    return state;
  }

  private unlockedAs(alliance: string, party: string): Questionnaire {
    const q = this.questionnaire(alliance);
    if (q.unlocked !== party) throw { code: "Locked", message: "this partner is locked; unlock with their passphrase" } satisfies IpcError;
    return q;
  }

  private roundView(id: string): RoundView {
    const q = this.questionnaire(id);
    const sealed = [...q.parties.values()].every((p) => p.sealed_at !== null);
    const parties = [...q.parties.entries()].map(([party, p]) => ({
      party,
      has_passphrase: p.passphrase !== null,
      started: p.sheets.length > 0,
      // Like the backend: other partners' counts stay hidden until everyone has sealed.
      answered: sealed || q.unlocked === party ? (p.sheets[p.sheets.length - 1]?.answers.length ?? 0) : null,
      sealed_at: p.sealed_at,
    }));
    return {
      round: q.round,
      questions: this.questionSet(id).set.questions.length,
      parties,
      all_sealed: parties.every((p) => p.sealed_at !== null),
      unlocked: q.unlocked,
    };
  }

  private blankSheet(alliance: Alliance, party: string): AnswerSheet {
    const set = this.questionSet(alliance.id).set;
    return {
      format: "accord.answer-sheet",
      version: 1,
      question_set: set.id,
      custom_set: set,
      alliance: alliance.name,
      parties: alliance.parties,
      party,
      respondent: { name: alliance.parties.find((p) => p.id === party)?.name ?? party },
      answers: [],
    };
  }

  /** The alliance's question set view, created from a small default set on first use. */
  questionSet(alliance: string): QuestionSetView {
    let view = this.questionSets.get(alliance);
    if (!view) {
      const terms = this.get(alliance).terms;
      view = {
        revision: 1,
        editable: true,
        set: {
          id: "general",
          title: "General questions",
          categories: [
            { id: "fairness", title: "Fairness and balance" },
            { id: "money", title: "Money" },
          ],
          terms,
          questions: [],
        },
      };
      this.questionSets.set(alliance, view);
    }
    return view;
  }

  private saveQuestionSet(alliance: string, set: QuestionSet): QuestionSetView {
    const current = this.questionSet(alliance);
    if (!current.editable)
      throw { code: "Conflict", message: "the questions are frozen: a partner has sealed" } satisfies IpcError;
    const seen = new Set<string>();
    for (const q of set.questions) {
      if (seen.has(q.id))
        throw { code: "InvalidInput", message: `question ${q.id} appears twice in the set` } satisfies IpcError;
      seen.add(q.id);
    }
    const next: QuestionSetView = { revision: current.revision + 1, set, editable: true };
    this.questionSets.set(alliance, next);
    return next;
  }

  private get(id: string): Alliance {
    const alliance = this.alliances.get(id);
    if (!alliance) throw { code: "NotFound", message: `no alliance ${id}` } satisfies IpcError;
    return alliance;
  }

  private create(draft: AllianceDraft): Alliance {
    const id = `a${this.nextId++}`;
    const now = (this.clock += 60_000);
    const alliance: Alliance = {
      id,
      name: draft.name,
      kind: draft.kind,
      parties: draft.parties.map((name, i) => ({ id: `p${i + 1}`, name })),
      terms: draft.terms.map((text, i) => ({ id: `t${i + 1}`, text })),
      revision: 1,
      created_at: now,
      updated_at: now,
      deleted: false,
    };
    this.alliances.set(id, alliance);
    this.history.set(id, [{ revision: 1, recorded_at: now, change: { type: "created" }, name: draft.name, deleted: false }]);
    return alliance;
  }

  private update(current: Alliance, patch: Partial<Alliance>, change: AllianceChange): Alliance {
    const now = (this.clock += 60_000);
    const next: Alliance = { ...current, ...patch, revision: current.revision + 1, updated_at: now };
    this.alliances.set(current.id, next);
    this.history.get(current.id)?.push({
      revision: next.revision,
      recorded_at: now,
      change,
      name: next.name,
      deleted: next.deleted,
    });
    return next;
  }
}
