// The two admin endpoints go-tfe's subscription updater uses to put an organization on a plan:
// find a feature set by name, then give the organization a subscription to it. Only the admin token
// sees them; for anyone else they do not exist (404).
import { type Context, param, requireAdmin } from '../context.ts';
import { invalid, invalidOne, notFound } from '../errors.ts';
import { document } from '../http.ts';
import { newId } from '../ids.ts';
import { pageItems, paginationLinks, paginationMeta, readPage } from '../pagination.ts';
import { featureSetResource, findFeatureSets, planOfFeatureSet } from '../plans.ts';
import { renderSubscription } from '../render.ts';
import type { HookResponse } from '../types.ts';
import { readSubscription } from '../validate-support.ts';

/** GET /admin/feature-sets?q=Business: the feature sets whose name contains `q`. */
export function listFeatureSets(ctx: Context): HookResponse {
  requireAdmin(ctx);
  const plans = findFeatureSets(ctx.request.query.get('q') ?? '');
  const page = readPage(ctx.request.query);
  const meta = paginationMeta(page, plans.length);
  return document(200, {
    data: pageItems(plans, page).map(featureSetResource),
    links: paginationLinks(ctx.origin, '/api/v2/admin/feature-sets', ctx.request.query, meta),
    meta: { pagination: meta },
  });
}

/** POST /admin/organizations/:org/subscription: the organization's plan becomes the feature set's. */
export function setSubscription(ctx: Context): HookResponse {
  requireAdmin(ctx);
  const organization = ctx.store.organizations.get(param(ctx, 'org'));
  if (!organization) throw notFound();
  const { featureSetId, attributes, issues } = readSubscription(ctx.request.body);
  if (issues.length > 0 || featureSetId === undefined) throw invalid(issues);
  const plan = planOfFeatureSet(featureSetId);
  if (plan === undefined) throw invalidOne('/data/relationships/feature-set/data/id', `There is no feature set ${featureSetId}`);
  organization.plan = plan;
  organization.subscription = { id: newId('sub'), attributes, createdAt: new Date().toISOString() };
  return document(201, { data: renderSubscription(organization, organization.subscription, featureSetId) });
}
