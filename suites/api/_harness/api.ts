// The documented endpoints as plain functions of a client: every path of the contract is spelled here once.
import type { ApiClient, ApiResponse, RequestOptions } from '../../../src/client/index.ts';
import { Inconclusive } from './errors.ts';

const enc = encodeURIComponent;
export type Query = Record<string, string>;

/**
 * 502/503/504 mean the target (or its gateway) is down, and a 429 that outlived the client's retries means it
 * will not answer now: neither says the target broke the contract.
 */
const UNAVAILABLE = new Set([429, 502, 503, 504]);

export class Api {
  constructor(
    readonly client: ApiClient,
    readonly organization: string,
  ) {}

  async call(method: string, path: string, options?: RequestOptions): Promise<ApiResponse> {
    const res = await this.client.request(method, `/api/v2${path}`, options);
    if (UNAVAILABLE.has(res.status)) throw new Inconclusive(`${method} ${path} answered ${res.status}${res.status === 429 ? ' after every retry' : ''}: the target is unavailable`);
    return res;
  }

  /**
   * GET on a link a response gave (links.self): only its path and query are taken, and sent to the target,
   * so a link naming another host never takes the token there.
   */
  async follow(path: string): Promise<ApiResponse> {
    const res = await this.client.request('GET', path);
    if (UNAVAILABLE.has(res.status)) throw new Inconclusive(`GET ${path} answered ${res.status}: the target is unavailable`);
    return res;
  }

  withToken(token: string | null): Api {
    return new Api(this.client.withToken(token), this.organization);
  }

  // run tasks
  createTask(body: unknown, org = this.organization, options?: RequestOptions) {
    return this.call('POST', `/organizations/${enc(org)}/tasks`, { body, ...options });
  }
  listTasks(query?: Query, org = this.organization) {
    return this.call('GET', `/organizations/${enc(org)}/tasks`, query ? { query } : undefined);
  }
  showTask(id: string, query?: Query) {
    return this.call('GET', `/tasks/${enc(id)}`, query ? { query } : undefined);
  }
  updateTask(id: string, body: unknown, options?: RequestOptions) {
    return this.call('PATCH', `/tasks/${enc(id)}`, { body, ...options });
  }
  deleteTask(id: string) {
    return this.call('DELETE', `/tasks/${enc(id)}`);
  }

  // workspace run tasks
  associate(workspaceId: string, body: unknown, options?: RequestOptions) {
    return this.call('POST', `/workspaces/${enc(workspaceId)}/tasks`, { body, ...options });
  }
  listWorkspaceTasks(workspaceId: string, query?: Query) {
    return this.call('GET', `/workspaces/${enc(workspaceId)}/tasks`, query ? { query } : undefined);
  }
  showWorkspaceTask(workspaceId: string, id: string) {
    return this.call('GET', `/workspaces/${enc(workspaceId)}/tasks/${enc(id)}`);
  }
  updateWorkspaceTask(workspaceId: string, id: string, body: unknown, options?: RequestOptions) {
    return this.call('PATCH', `/workspaces/${enc(workspaceId)}/tasks/${enc(id)}`, { body, ...options });
  }
  deleteWorkspaceTask(workspaceId: string, id: string) {
    return this.call('DELETE', `/workspaces/${enc(workspaceId)}/tasks/${enc(id)}`);
  }

  // what a run needs around them
  showOrganization(org = this.organization) {
    return this.call('GET', `/organizations/${enc(org)}`);
  }
  createWorkspace(name: string, org = this.organization) {
    return this.call('POST', `/organizations/${enc(org)}/workspaces`, { body: { data: { type: 'workspaces', attributes: { name } } } });
  }
  listWorkspaces(query?: Query, org = this.organization) {
    return this.call('GET', `/organizations/${enc(org)}/workspaces`, query ? { query } : undefined);
  }
  deleteWorkspace(id: string) {
    return this.call('DELETE', `/workspaces/${enc(id)}`);
  }
}

export const page = (number: number, size: number): Query => ({ 'page[number]': String(number), 'page[size]': String(size) });
