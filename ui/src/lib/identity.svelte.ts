// This computer's identity, shared by the views that show or use it: the exchange section
// creates it, the export panel signs with it. Creating it in one shows it in the others at
// once, without reloading.
import { api } from "./api";
import type { IdentityView } from "./bindings/IdentityView";

export const identity = $state<{ current: IdentityView | null }>({ current: null });

/** Reads the identity from the backend (null: none yet). */
export async function loadIdentity(): Promise<IdentityView | null> {
  identity.current = await api.getIdentity();
  return identity.current;
}

/** The exchange section created the identity. */
export function identityCreated(created: IdentityView): void {
  identity.current = created;
}
