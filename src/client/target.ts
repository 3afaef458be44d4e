/** Where one request goes: undici wants origin and path apart; the exchange records both joined. */
export interface Target {
  origin: string;
  path: string;
}

export interface Base {
  origin: string;
  /** Path prefix of baseUrl without trailing slash ('' for none). */
  prefix: string;
}

export function parseBase(baseUrl: string): Base {
  const u = new URL(baseUrl);
  return { origin: u.origin, prefix: u.pathname.replace(/\/+$/, '') };
}

const ABSOLUTE = /^https?:\/\//i;
const OPEN_BRACKET = /%5B/g;
const CLOSE_BRACKET = /%5D/g;

/** Relative paths are joined to the base; absolute URLs (pagination links) are taken as they are. */
export function resolveTarget(base: Base, pathOrUrl: string, query?: Record<string, string>): Target {
  let t: Target;
  if (pathOrUrl.charCodeAt(0) === 47 /* '/' */) t = { origin: base.origin, path: base.prefix + pathOrUrl };
  else if (ABSOLUTE.test(pathOrUrl)) {
    const u = new URL(pathOrUrl);
    t = { origin: u.origin, path: u.pathname + u.search };
  } else t = { origin: base.origin, path: `${base.prefix}/${pathOrUrl}` };
  if (query) {
    const q = encodeQuery(query);
    if (q) t.path += (t.path.includes('?') ? '&' : '?') + q;
  }
  return t;
}

/** Keeps JSON:API brackets readable (page[number]=2): servers decode either form. */
export function encodeQuery(query: Record<string, string>): string {
  const parts: string[] = [];
  for (const k in query) parts.push(`${encodeComponent(k)}=${encodeComponent(query[k] ?? '')}`);
  return parts.join('&');
}

function encodeComponent(s: string): string {
  return encodeURIComponent(s).replace(OPEN_BRACKET, '[').replace(CLOSE_BRACKET, ']');
}
