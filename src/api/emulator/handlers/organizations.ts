// Organizations (create, show, delete) and their entitlement sets, which tell a client what the plan
// allows. Whoever creates an organization becomes its owner; a new organization gets the emulator's plan.
import { type Context, param, requireManage, roleIn, visibleOrganization } from '../context.ts';
import { invalid, invalidOne } from '../errors.ts';
import { document, noContent } from '../http.ts';
import { renderEntitlementSet, renderOrganization } from '../render.ts';
import type { HookResponse } from '../types.ts';
import { readOrganization } from '../validate-support.ts';

/** Organization names are global: a taken name is refused whoever holds it, as on the real service. */
export function createOrganization(ctx: Context): HookResponse {
  const { name, email, settings, issues } = readOrganization(ctx.request.body);
  if (issues.length > 0 || name === undefined || email === undefined) throw invalid(issues);
  if (ctx.store.organizations.has(name)) throw invalidOne('/data/attributes/name', 'Name has already been taken');
  const organization = ctx.store.addOrganization(name, ctx.options.plan, email, settings);
  organization.members.set(ctx.principal, 'owner');
  return document(201, { data: renderOrganization(organization, 'owner') });
}

export function showOrganization(ctx: Context): HookResponse {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  return document(200, { data: renderOrganization(organization, roleIn(ctx, organization)) });
}

/** Only an owner may delete; everything in the organization goes with it. */
export function deleteOrganization(ctx: Context): HookResponse {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  requireManage(ctx, organization);
  ctx.store.deleteOrganization(organization);
  return noContent();
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

/**
 * Terraform's remote service discovery document, which the Terraform provider reads to find the API
 * (service "tfe.v2.2"). Plain JSON, no auth, like the real one.
 */
export function serviceDiscovery(): HookResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { 'tfe.v2': '/api/v2/', 'tfe.v2.1': '/api/v2/', 'tfe.v2.2': '/api/v2/' },
  };
}
