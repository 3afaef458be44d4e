// A small table router over /api/v2 paths. Patterns are split once; matching compares segments.
import type { Handler } from './context.ts';

const API_PREFIX = '/api/v2/';

export interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export const route = (method: string, pattern: string, handler: Handler): Route => ({
  method,
  segments: pattern.split('/').filter(Boolean),
  handler,
});

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** Decoded segments after /api/v2/, ignoring one trailing slash; undefined when not an API path. */
export function apiSegments(path: string): string[] | undefined {
  if (!path.startsWith(API_PREFIX)) return undefined;
  const rest = path.slice(API_PREFIX.length).replace(/\/$/, '');
  try {
    return rest.split('/').map(decodeURIComponent);
  } catch {
    return undefined; // malformed percent-encoding: no resource can have that name
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] as string;
    const actual = segments[i] as string;
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      params[expected.slice(1)] = actual;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

/** A known path with the wrong method is just another unknown route (404). */
export function match(routes: Route[], method: string, path: string): Match | undefined {
  const segments = apiSegments(path);
  if (!segments) return undefined;
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const params = matchSegments(candidate.segments, segments);
    if (params) return { route: candidate, params };
  }
  return undefined;
}
