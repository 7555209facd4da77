/** One response header. */
export interface HeaderEntry {
  key: string;
  value: string;
}

/** One rule of next.config's headers(). */
export interface HeaderRule {
  source: string;
  has?: { type: "header"; key: string; value: string }[];
  headers: HeaderEntry[];
}

export function contentSecurityPolicy(options?: { dev?: boolean }): string;
export function securityHeaders(options?: { dev?: boolean }): HeaderEntry[];
export const strictTransportSecurity: HeaderEntry;
export function nextHeaderRules(options?: { dev?: boolean }): HeaderRule[];
