// Pure helpers of the negotiation panel: where an item stands in words, what the acting partner
// may do with it, and the filter. The rules themselves are the backend's; these only decide
// what to show and which buttons to offer.
import type { ItemStatus } from "../../lib/bindings/ItemStatus";
import type { NegotiationItemView } from "../../lib/bindings/NegotiationItemView";
import type { NegotiationView } from "../../lib/bindings/NegotiationView";
import type { Origin } from "../../lib/bindings/Origin";
import type { Party } from "../../lib/bindings/Party";
import type { PartyId } from "../../lib/bindings/PartyId";
import type { UnresolvedView } from "../../lib/bindings/UnresolvedView";

export type StatusKind = ItemStatus["status"];
export type Filter = "all" | StatusKind;
export const FILTERS: { id: Filter; label: string }[] = [
  { id: "all", label: "All" },
  { id: "open", label: "Open" },
  { id: "proposed", label: "Proposed" },
  { id: "agreed", label: "Agreed" },
];

export function partyName(parties: Party[], id: PartyId | null | undefined): string {
  if (!id) return "";
  return parties.find((p) => p.id === id)?.name ?? id;
}

/** The other partner of a two-party alliance (the first other one otherwise). */
export function otherParty(parties: Party[], me: PartyId): Party | null {
  return parties.find((p) => p.id !== me) ?? null;
}

/** What the acting partner may do with an item, given its status. */
export type Moves = {
  /** Propose a value (open items; replaces my own standing proposal). */
  propose: boolean;
  /** Accept, reject or counter the other partner's standing proposal. */
  respond: boolean;
  /** My own proposal stands, waiting for the other partner. */
  waiting: boolean;
};

export function moves(status: ItemStatus, me: PartyId, frozen: boolean): Moves {
  if (frozen || status.status === "agreed") return { propose: false, respond: false, waiting: false };
  if (status.status === "open") return { propose: true, respond: false, waiting: false };
  const mine = status.proposal.by === me;
  return { propose: mine, respond: !mine, waiting: mine };
}

export function countByStatus(items: NegotiationItemView[]): Record<Filter, number> {
  const counts: Record<Filter, number> = { all: items.length, open: 0, proposed: 0, agreed: 0 };
  for (const item of items) counts[item.status.status] += 1;
  return counts;
}

/** Items at or above the threshold that would stay open: these block freezing. */
export function blocking(unresolved: UnresolvedView[], threshold: number): UnresolvedView[] {
  return unresolved.filter((u) => u.severity >= threshold);
}

/** "Acme's", "Lumen Analytics'". */
export function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

/** 0..1 as a whole percentage. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Where a suggestion comes from, in words, with the partners' names. */
export function originLabel(origin: Origin, a: string, b: string): string {
  const side = "side" in origin ? (origin.side === "a" ? a : b) : "";
  switch (origin.kind) {
    case "first_choice":
      return `${possessive(side)} first choice`;
    case "firmer_partner":
      return `${side} is firmer`;
    case "overlap":
      return "Both would accept it";
    case "midpoint":
      return "Halfway";
    case "alternative":
      return `${side} named it as acceptable`;
    case "intersection":
      return "What both named";
    case "union":
      return "Everything either named";
    default: {
      const unreachable: never = origin;
      return String(unreachable);
    }
  }
}

/** Who a suggestion favours, in words: the partner it is worth clearly more to, or "even". */
export function favours(utilityA: number, utilityB: number, a: string, b: string): string {
  if (Math.abs(utilityA - utilityB) < 0.1) return "even";
  return utilityA > utilityB ? `favours ${a}` : `favours ${b}`;
}

/** The view's item for a disputed question. */
export function itemOf(view: NegotiationView, question: string): NegotiationItemView | null {
  return view.items.find((i) => i.question === question) ?? null;
}

/** The comment as sent: trimmed, null when empty. */
export function cleanComment(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}
