// Client-side copies of the backend's validation limits for alliances, used to give early
// feedback next to form fields. The backend stays the authority and re-checks everything.
export const ALLIANCE_LIMITS = {
  name: 120,
  partyName: 80,
  minParties: 2,
  maxParties: 12,
  maxTerms: 100,
  term: 500,
} as const;
