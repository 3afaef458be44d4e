// The organization and its entitlement set, which tell a checker what the plan allows.
import { type Context, param, visibleOrganization } from '../context.ts';
import { document, noContent } from '../http.ts';
import { renderEntitlementSet, renderOrganization } from '../render.ts';
import type { HookResponse } from '../types.ts';

export function showOrganization(ctx: Context): HookResponse {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  return document(200, { data: renderOrganization(organization, ctx.principal.canManage) });
}

export function showEntitlementSet(ctx: Context): HookResponse {
  return document(200, { data: renderEntitlementSet(visibleOrganization(ctx, param(ctx, 'org'))) });
}

/** go-tfe reads X-RateLimit-Limit here to size its client-side limiter (api-facts §1). No auth needed. */
export function ping(): HookResponse {
  const response = noContent();
  response.headers['x-ratelimit-limit'] = '30';
  return response;
}
