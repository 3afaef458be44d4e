// The requirements of the Run Tasks API side: every testable statement of the page (reference/run-tasks-api.txt)
// and of api-facts.md that the API suites check. Suites name these ids (optionally with a [variant]).
// Level: the page and high-confidence facts (api-facts **H**) are MUST; what the page leaves open is SHOULD.
import { family as requirementFamily, type ApiFamily, type Requirement, type Row } from './requirement.ts';

const E = {
  createTask: 'POST /organizations/:organization_name/tasks',
  listTasks: 'GET /organizations/:organization_name/tasks',
  showTask: 'GET /tasks/:id',
  updateTask: 'PATCH /tasks/:id',
  deleteTask: 'DELETE /tasks/:id',
  associate: 'POST /workspaces/:workspace_id/tasks',
  listWsTasks: 'GET /workspaces/:workspace_id/tasks',
  showWsTask: 'GET /workspaces/:workspace_id/tasks/:id',
  updateWsTask: 'PATCH /workspaces/:workspace_id/tasks/:id',
  deleteWsTask: 'DELETE /workspaces/:workspace_id/tasks/:id',
} as const;
export const ENDPOINTS = E;

const PAGE = 'run-tasks-api';
const s = (section: string) => `${PAGE} § ${section}`;

const family = (name: ApiFamily, rows: Row[]) => requirementFamily('api', name, rows);

export const API_REQUIREMENTS: readonly Requirement[] = [
  ...family('task-lifecycle', [
    ['task.create.status', 'MUST', '201 | JSON API document (type: "tasks") | Successfully created a run task', s('Create a Run Task'), E.createTask],
    ['task.create.document', 'MUST', 'Sample Response: a JSON API document of type "tasks" with id, attributes, relationships.organization and links.self (errata E2-E5 applied)', s('Create a Run Task'), E.createTask],
    ['task.create.echo', 'MUST', 'data.attributes.name, url, description, category, enabled: the values of the request body are those of the created task', s('Create a Run Task, Request Body'), E.createTask],
    ['task.default.enabled', 'MUST', 'data.attributes.enabled | bool | true | (Optional) Whether the task will be run.', s('Create a Run Task, Request Body'), E.createTask],
    ['task.hmac-key.write-only', 'MUST', 'hmac-key is write-only: every response shows "hmac-key": null', 'api-facts §4 (H)', E.createTask],
    ['task.enabled.boolean', 'MUST', 'enabled is a JSON boolean in real responses (the samples\' "true" strings are erratum E3)', 'api-facts §4, §10.3 (H)', E.showTask],
    ['task.id.prefix', 'SHOULD', 'Resource shape (type: "tasks", ids look like task-XXXXXXXXXXXXXXXX)', 'api-facts §2 (H)', E.createTask],
    ['task.show.status', 'MUST', '200 | JSON API document (type: "tasks") | The request was successful', s('Show a Run Task'), E.showTask],
    ['task.show.document', 'MUST', 'Sample Response of Show a Run Task: a JSON API document of type "tasks"', s('Show a Run Task'), E.showTask],
    ['task.show.not-found', 'MUST', '404 | JSON API error object | Run task not found or user unauthorized to perform action', s('Show a Run Task'), E.showTask],
    ['task.list.status', 'MUST', '200 | JSON API document (type: "tasks") | Request was successful', s('List Run Tasks'), E.listTasks],
    ['task.list.document', 'MUST', 'Sample Response of List Run Tasks: data array of "tasks", links and meta.pagination', s('List Run Tasks'), E.listTasks],
    ['task.list.contains-created', 'MUST', 'This page lists the API endpoints for run tasks in an organization: a created task is listed', s('List Run Tasks'), E.listTasks],
    ['task.list.org-not-found', 'MUST', '404 | JSON API error object | Organization not found, or user unauthorized to perform action', s('List Run Tasks'), E.listTasks],
    ['task.create.org-not-found', 'MUST', '404 | JSON API error object | Organization not found, or user unauthorized to perform action', s('Create a Run Task'), E.createTask],
    ['task.update.status', 'MUST', '200 | JSON API document (type: "tasks") | The request was successful', s('Update a Run Task'), E.updateTask],
    ['task.update.document', 'MUST', 'Sample Response of Update a Run Task: a JSON API document of type "tasks"', s('Update a Run Task'), E.updateTask],
    ['task.update.applies', 'MUST', 'PATCH /tasks/:id: each attribute sent is the task\'s new value', s('Update a Run Task, Request Body'), E.updateTask],
    ['task.update.keeps-omitted', 'MUST', 'data.attributes.* | (previous value): an attribute the PATCH omits keeps its value', s('Update a Run Task, Request Body'), E.updateTask],
    ['task.update.not-found', 'MUST', '404 | JSON API error object | Run task not found or user unauthorized to perform action', s('Update a Run Task'), E.updateTask],
    ['task.delete.status', 'MUST', '204 | No Content | Successfully deleted the run task', s('Delete a Run Task'), E.deleteTask],
    ['task.delete.then-not-found', 'MUST', 'After a delete, show and a second delete of the same id answer 404', 'api-facts §2 (H, go-tfe TestRunTasksDelete)', E.deleteTask],
    ['task.delete.not-found', 'MUST', '404 | JSON API error object | Run task not found, or user unauthorized to perform action', s('Delete a Run Task'), E.deleteTask],
    ['task.delete.associations', 'SHOULD', 'Deleting a task with workspace associations leaves no association pointing at a missing task (refused, or the associations go too)', 'api-facts §6 (gap)', E.deleteTask],
  ]),
  ...family('task-validation', [
    ['task.validate.type', 'MUST', 'data.type | string | Must be "tasks".', s('Create a Run Task, Request Body'), E.createTask],
    ['task.validate.required', 'MUST', 'Properties without a default value are required unless otherwise specified. (name, url, category)', s('Create a Run Task, Request Body'), E.createTask],
    ['task.validate.name-characters', 'MUST', 'data.attributes.name | string | The name of the task. Can include letters, numbers, - , and _ .', s('Create a Run Task, Request Body'), E.createTask],
    ['task.validate.name-accepted', 'MUST', 'Can include letters, numbers, - , and _ . (such names are accepted)', s('Create a Run Task, Request Body'), E.createTask],
    ['task.validate.url', 'MUST', 'data.attributes.url | string | URL to send a run task payload. (a value that is no URL is refused)', s('Create a Run Task, Request Body'), E.createTask],
    ['task.validate.description-length', 'MUST', 'The description of the run task. Can be up to 300 characters long', s('Create a Run Task, Request Body'), E.createTask],
    ['task.validate.category', 'MUST', 'data.attributes.category | string | Must be "task" .', s('Create a Run Task, Request Body'), E.createTask],
    ['task.validate.wrong-types', 'MUST', '422 | JSON API error object | Malformed request body (missing attributes, wrong types, etc.)', s('Create a Run Task'), E.createTask],
    ['task.validate.update', 'MUST', '422 | JSON API error object | Malformed request body (missing attributes, wrong types, etc.)', s('Update a Run Task'), E.updateTask],
    ['task.validate.no-side-effect', 'MUST', 'A refused request (422) creates or changes nothing', s('Create a Run Task'), E.createTask],
    ['input.malformed-json', 'MUST', 'Malformed request body: a body that is not JSON is refused with a client error (4xx JSON API error object), never a success or a 5xx', s('Create a Run Task'), E.createTask],
  ]),
  ...family('global-configuration', [
    ['task.global.default-enabled', 'MUST', 'data.attributes.global-configuration.enabled | bool | false', s('Create a Run Task, Request Body'), E.createTask],
    ['task.global.round-trip', 'MUST', 'global-configuration enabled, stages and enforcement-level are echoed back unchanged (order kept)', 'api-facts §4 (H)', E.createTask],
    ['task.global.stages-accepted', 'MUST', 'global-configuration.stages: Must be one or more of "pre_plan", "post_plan", "pre_apply", or "post_apply" (each combination accepted, order kept)', s('Create a Run Task, Request Body'), E.updateTask],
    ['task.global.stages-refused', 'MUST', 'global-configuration.stages: Must be one or more of "pre_plan", "post_plan", "pre_apply", or "post_apply"', s('Create a Run Task, Request Body'), E.createTask],
    ['task.global.enforcement-refused', 'MUST', 'global-configuration.enforcement-level: Must be "advisory" or "mandatory".', s('Create a Run Task, Request Body'), E.createTask],
    ['task.global.dropped-without-entitlement', 'MUST', 'For a free-plan org, create with a global-configuration block succeeds and the block is silently dropped', 'api-facts §4 (H)', E.createTask],
  ]),
  ...family('workspace-task-lifecycle', [
    ['ws-task.create.status', 'MUST', 'Associate: the request was successful (201 with the document, as the service answers; the page\'s table says 204)', `${s('Associate a Run Task to a Workspace')}; api-facts §3, §10.1`, E.associate],
    ['ws-task.create.document', 'SHOULD', 'Associate answers 201 + workspace-tasks document (go-tfe and the provider decode that body and break without it)', 'api-facts §3, §8, §10.1 (H)', E.associate],
    ['ws-task.create.echo', 'MUST', 'data.attributes.enforcement-level, stages and relationships.task are those of the association', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
    ['ws-task.default.stages', 'MUST', 'data.attributes.stages | array | ["post_plan"] (Run tasks use the Post-Plan Stage by default.)', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
    ['ws-task.stage.deprecated', 'MUST', 'data.attributes.stage | string | "post_plan" | DEPRECATED Use stages instead. (still accepted, on create and update)', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
    ['ws-task.stage.first-of-stages', 'SHOULD', 'Responses carry both stage and stages; stage is the first of stages', 'api-facts §3 (M)', E.showWsTask],
    ['ws-task.id.prefix', 'SHOULD', 'Resource type: "workspace-tasks", ids wstask-...', 'api-facts §3 (H)', E.associate],
    ['ws-task.create.unknown-task', 'MUST', '404 | JSON API error object | Workspace or run task not found or user unauthorized to perform action', s('Associate a Run Task to a Workspace'), E.associate],
    ['ws-task.create.unknown-workspace', 'MUST', '404 | JSON API error object | Workspace or run task not found or user unauthorized to perform action', s('Associate a Run Task to a Workspace'), E.associate],
    ['ws-task.show.status', 'MUST', '200 | JSON API document | The request was successful (type "workspace-tasks", erratum E7)', s('Show Workspace Run Task'), E.showWsTask],
    ['ws-task.show.document', 'MUST', 'Sample Response of Show Workspace Run Task: a JSON API document of type "workspace-tasks"', s('Show Workspace Run Task'), E.showWsTask],
    ['ws-task.show.not-found', 'MUST', '404 | JSON API error object | Workspace run task not found or user unauthorized to perform action', s('Show Workspace Run Task'), E.showWsTask],
    ['ws-task.list.status', 'MUST', '200 | JSON API document | Request was successful', s('List Workspace Run Tasks'), E.listWsTasks],
    ['ws-task.list.document', 'MUST', 'Sample Response of List Workspace Run Tasks: data array of "workspace-tasks", links and meta.pagination', s('List Workspace Run Tasks'), E.listWsTasks],
    ['ws-task.list.contains-created', 'MUST', 'List Workspace Run Tasks lists the workspace\'s associations', s('List Workspace Run Tasks'), E.listWsTasks],
    ['ws-task.list.workspace-not-found', 'MUST', '404 | JSON API error object | Workspace not found, or user unauthorized to perform action', s('List Workspace Run Tasks'), E.listWsTasks],
    ['ws-task.update.status', 'MUST', '200 | JSON API document | The request was successful', s('Update Workspace Run Task'), E.updateWsTask],
    ['ws-task.update.applies', 'MUST', 'PATCH workspace task: enforcement-level and stages sent are the new values', s('Update Workspace Run Task, Request Body'), E.updateWsTask],
    ['ws-task.update.keeps-omitted', 'MUST', 'data.attributes.* | (previous value): a member the PATCH omits keeps its value', s('Update Workspace Run Task, Request Body'), E.updateWsTask],
    ['ws-task.update.not-found', 'MUST', '404 | JSON API error object | Workspace run task not found or user unauthorized to perform action', s('Update Workspace Run Task'), E.updateWsTask],
    ['ws-task.delete.status', 'MUST', '204 | No Content | Successfully deleted the workspace run task', s('Delete Workspace Run Task'), E.deleteWsTask],
    ['ws-task.delete.then-not-found', 'MUST', 'Deleting again answers 404; a read after the delete answers 404', 'api-facts §3 (H, go-tfe tests)', E.deleteWsTask],
    ['ws-task.other-workspace', 'MUST', 'A workspace task is reached through its own workspace: through another workspace it is not found (404)', s('Show Workspace Run Task'), E.showWsTask],
  ]),
  ...family('workspace-task-validation', [
    ['ws-task.validate.type', 'MUST', 'data.type | string | Must be "workspace-tasks" .', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
    ['ws-task.validate.enforcement-required', 'MUST', 'Properties without a default value are required. (data.attributes.enforcement-level)', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
    ['ws-task.validate.enforcement-refused', 'MUST', 'The enforcement level of the workspace task. Must be "advisory" or "mandatory".', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
    ['ws-task.validate.stages-refused', 'MUST', 'stages: Must be one or more of "pre_plan", "post_plan", "pre_apply", or "post_apply".', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
    ['ws-task.validate.stages-accepted', 'MUST', 'stages: one or more of the four stages: every combination accepted and stored in order', s('Update Workspace Run Task, Request Body'), E.updateWsTask],
    ['ws-task.validate.task-relationship', 'MUST', 'data.relationships.task.data.id | string | The ID of the run task. (required; type must be "tasks")', s('Associate a Run Task to a Workspace, Request Body'), E.associate],
  ]),
  ...family('pagination', [
    ['pagination.default-size', 'MUST', 'page[size] | Optional. If omitted, the endpoint will return 20 run tasks per page.', s('List Run Tasks, Query Parameters'), E.listTasks],
    ['pagination.first-page', 'MUST', 'page[number] | Optional. If omitted, the endpoint will return the first page.', s('List Run Tasks, Query Parameters'), E.listTasks],
    ['pagination.page-size', 'MUST', 'This endpoint supports pagination with standard URL query parameters: page[size] sets the items per page', s('List Run Tasks, Query Parameters'), E.listTasks],
    ['pagination.partition', 'MUST', 'The pages of a list partition it: no gaps, no repeats', 'api-facts §1 (H)', E.listTasks],
    ['pagination.meta', 'MUST', 'meta.pagination (current-page, page-size, prev-page, next-page, total-pages, total-count) is consistent with the items', 'api-facts §1 (H); samples', E.listTasks],
    ['pagination.links', 'MUST', 'links self, first, prev, next, last (null where absent) address the right pages', 'api-facts §1 (H); samples', E.listTasks],
    ['pagination.encoded-brackets', 'MUST', 'Remember to percent-encode [ as %5B and ] as %5D if your tooling doesn\'t automatically encode URLs.', s('List Run Tasks, Query Parameters'), E.listTasks],
    ['pagination.max-size', 'SHOULD', 'maximum page size 100', 'api-facts §1 (M)', E.listTasks],
    ['pagination.beyond-last', 'SHOULD', 'A page past the last answers 200 with no items', 'api-facts §1 (inference)', E.listTasks],
  ]),
  ...family('include', [
    ['include.workspace-tasks', 'MUST', 'include | Value must be a comma-separated list containing one or more of workspace_tasks or workspace_tasks.workspace (workspace_tasks puts the workspace-tasks resources in `included`)', s('List Run Tasks, Query Parameters'), E.listTasks],
    ['include.workspace', 'MUST', 'include=workspace_tasks.workspace additionally includes the workspaces', `${s('Show a Run Task')}; api-facts §4 (M)`, E.showTask],
    ['include.unknown-refused', 'SHOULD', 'An unsupported include value is refused (400 mentioning the include parameter)', 'api-facts §4 (M)', E.listTasks],
  ]),
  ...family('media-type-and-errors', [
    ['media-type.responses', 'MUST', 'Media type is application/vnd.api+json (JSON:API)', 'api-facts §1 (H)', null],
    ['errors.document', 'MUST', 'Error document: top-level errors array; each item has status (a string, e.g. "404"), title, optional detail', 'api-facts §1 (H)', null],
    ['errors.pointer', 'SHOULD', '422 errors carry source.pointer naming the offending member', 'api-facts §1 (M)', null],
    ['content-type.required', 'SHOULD', 'The server answers 415 Unsupported Media Type when a POST/PATCH lacks Content-Type: application/vnd.api+json', 'api-facts §1 (M)', E.createTask],
  ]),
  ...family('permissions', [
    ['auth.missing-token', 'MUST', 'Missing or invalid token -> 401 with a JSON:API error object', 'api-facts §1 (H)', null],
    ['auth.invalid-token', 'MUST', 'Missing or invalid token -> 401 with a JSON:API error object', 'api-facts §1 (H)', null],
    ['permissions.foreign-organization', 'MUST', 'Organization not found, or user unauthorized to perform action (404): a valid token lacking permission gets 404', `${s('Create a Run Task')}; api-facts §1 (H)`, null],
    ['permissions.restricted-write', 'MUST', 'To interact with run tasks on an organization, you need the Manage Run Tasks permission. To associate or dissociate run tasks in a workspace, you need the Manage Workspace Run Tasks permission (others get 404)', s('Required Permissions'), null],
    ['permissions.restricted-read', 'SHOULD', 'A member without the run-task permissions may still list and show (reads allowed)', 'issue #4 (the page leaves it open)', null],
  ]),
  ...family('url-verification', [
    ['verification.signature', 'MUST', 'X-TFC-Task-Signature = lowercase hex of HMAC-SHA512 over the raw request body with the task\'s key', 'api-facts §7 (H)', E.createTask],
    ['verification.refuses-failing-url', 'MUST', 'HCP Terraform POSTs a dummy payload to the URL; the task is only created/updated if the endpoint answers 200', 'api-facts §7 (H)', E.createTask],
    ['verification.on-update', 'MUST', 'The verification POST is sent on create and on update, signed with the kept key when the PATCH omits hmac-key', 'api-facts §7, §4 (H)', E.updateTask],
  ]),
  ...family('properties', [
    ['lifecycle.model', 'MUST', 'Any sequence of documented operations (create, update, associate, dissociate, delete, list) leaves tasks and associations as the documented semantics predict', `${PAGE} (all endpoints)`, null],
  ]),
  ...family('plans', [
    ['plans.task-limit', 'SHOULD', 'HCP Terraform Free Edition includes one run task integration: creating more tasks than run-task-limit is refused (422)', `${PAGE} (note); api-facts §5`, E.createTask],
  ]),
];

