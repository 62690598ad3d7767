// Small helpers of the exchange views.
import type { Party } from "../../lib/bindings/Party";
import type { PartyId } from "../../lib/bindings/PartyId";

/** The first 16 hex digits of a commitment in groups of four, for people to compare. */
export function shortCommitment(commitment: string): string {
  return (commitment.slice(0, 16).match(/.{1,4}/g) ?? []).join("-");
}

export function partyName(parties: Party[], id: PartyId | null | undefined): string {
  return parties.find((p) => p.id === id)?.name ?? String(id ?? "");
}
