// Test helper: an in-memory stand-in for the Rust backend behind mockIPC. It implements the
// alliance commands closely enough for view tests and records every call for assertions.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Alliance } from "../lib/bindings/Alliance";
import type { AllianceChange } from "../lib/bindings/AllianceChange";
import type { AllianceDraft } from "../lib/bindings/AllianceDraft";
import type { AllianceRevision } from "../lib/bindings/AllianceRevision";
import type { AppInfoView } from "../lib/bindings/AppInfoView";
import type { IpcError } from "../lib/bindings/IpcError";
import type { QuestionSet } from "../lib/bindings/QuestionSet";
import type { QuestionSetView } from "../lib/bindings/QuestionSetView";

export type Call = { cmd: string; args: Record<string, unknown> };

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

export class FakeBackend {
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
      default:
        throw { code: "Unknown", message: `unknown command ${cmd}` } satisfies IpcError;
    }
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
