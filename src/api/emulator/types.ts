// Public types of the embedded emulator. Kept apart from the implementation so that broken-target
// hooks and the serve command can import them without pulling in the server.

export type Plan = 'business' | 'trial' | 'free';

export interface EmulatorOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port to listen on. Default 0 (an ephemeral port). */
  port?: number;
  /** The owner token's organization. Default 'rtc-org'. */
  organization?: string;
  /** Owner token of `organization`. Default 'rtc-owner-token'. */
  token?: string;
  /** Member of `organization` without Manage Run Tasks / Manage Workspace Run Tasks. Default 'rtc-restricted-token'. */
  restrictedToken?: string;
  /** A second organization, invisible to the owner token. Default 'rtc-foreign-org'. */
  foreignOrganization?: string;
  /** Owner token of the foreign organization. Default 'rtc-foreign-token'. */
  foreignToken?: string;
  /** Token of a site administrator: the only one the /admin endpoints answer. Default 'rtc-admin-token'. */
  adminToken?: string;
  /**
   * The plan of `organization` and of every organization created through the API. 'business' (default)
   * has no limits; 'trial' lacks global and private run tasks; 'free' allows one task on up to ten
   * workspaces, one mandatory association and no global run tasks.
   */
  plan?: Plan;
  /** Name of a workspace to create in `organization` at start. Default: none. */
  workspace?: string;
  /** Send the verification POST on task create/update. Default true. */
  verifyUrls?: boolean;
  /** Give up on a verification POST after this long. Default 10000. */
  verifyTimeoutMs?: number;
  /** Deliberately broken variants plug in here; the faithful target never sets them. */
  hooks?: EmulatorHooks;
}

export interface HookRequest {
  method: string;
  /** Path without the query string, e.g. /api/v2/tasks/task-abc. */
  path: string;
  query: URLSearchParams;
  /** The query string as sent (brackets raw or percent-encoded), for hooks that care about the spelling. */
  rawQuery: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** Parsed JSON, or the raw string when unparsable, or undefined when there is no body. */
  body: unknown;
}

export interface HookResponse {
  status: number;
  /** Lower-case header names (the target writes `content-type` this way). */
  headers: Record<string, string>;
  /** An object to JSON-encode, a string sent raw, or undefined for no body. */
  body: unknown;
}

export interface EmulatorHooks {
  /** May return a changed request, or a response to answer without reaching the API, or nothing. */
  onRequest?(req: HookRequest): HookRequest | HookResponse | void | Promise<HookRequest | HookResponse | void>;
  /** May return a changed response, or nothing. Sees every response, errors included. */
  onResponse?(req: HookRequest, res: HookResponse): HookResponse | void | Promise<HookResponse | void>;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'hooks' | 'workspace'>> & { hooks?: EmulatorHooks; workspace?: string };

/** Ids of what the emulator created at start. */
export interface Seeds {
  foreignTaskId: string;
  foreignWorkspaceId: string;
  /** The `workspace` option's workspace, when one was asked for. */
  workspaceId?: string;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  options: ResolvedOptions;
  seeds: Seeds;
  close(): Promise<void>;
}
