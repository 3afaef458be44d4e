// Where the Run Tasks API page contradicts itself (api-facts §10), the decision we took and why.
// The schemas encode these decisions; test/contract/samples.test.ts proves each sample of the page
// validates or fails exactly as listed here. docs/errata.md is generated from this table.

export interface Erratum {
  id: string;
  page: string;
  decision: string;
  reason: string;
}

export const ERRATA: readonly Erratum[] = [
  {
    id: 'E1',
    page: 'Associate a Run Task to a Workspace: the status table says 204 No Content, yet the page shows a response body.',
    decision: 'A success is 201 with the workspace-tasks document (check ws-task.create.status passes 201 and 204; ws-task.create.document warns on 204 or an empty body).',
    reason: 'The OpenAPI description says 201; go-tfe, the provider and terrasnek all decode the body and break on an empty 204 (api-facts §3, §8, §10.1, H).',
  },
  {
    id: 'E2',
    page: 'The create and update sample payloads send `hmac_key` (underscore).',
    decision: 'The attribute is `hmac-key`: the suite sends only that, and the request schemas (the page\'s letter) refuse `hmac_key`, so those samples fail at /data/attributes. A target may ignore the unknown `hmac_key` (the emulator does, as Rails strong parameters would): no check judges it.',
    reason: 'The attribute tables, go-tfe, the provider and the OpenAPI description all use `hmac-key` (api-facts §10.2, H); what the service does with `hmac_key` is unknown (api-facts §13).',
  },
  {
    id: 'E3',
    page: 'Samples show `"enabled": "true"` / `"false"` as strings.',
    decision: '`enabled` is a JSON boolean in every response (task.enabled.boolean, observed). A request carrying the samples\' "true"/"false" may be accepted and coerced or refused with a 4xx: both pass, the answer must carry a JSON boolean. The schemas hold the letter: the samples fail at /data/attributes/enabled.',
    reason: 'The type column says bool, OAS says boolean, and go-tfe fails to decode a string (api-facts §4, §8, §10.3, H); whether the service coerces a string on input is unknown (api-facts §13), and a Rails boolean attribute would.',
  },
  {
    id: 'E4',
    page: 'The show-task sample response has a trailing comma after `"hmac-key": null,` (invalid JSON).',
    decision: 'A response must be valid JSON. The sample is repaired (trailing comma removed) before it is validated; the test records that it does not parse as printed.',
    reason: 'JSON does not allow trailing commas; no client could parse such a body (api-facts §10.4, H).',
  },
  {
    id: 'E5',
    page: 'Samples name the to-many relationship `tasks` (holding a `tasks` id in one sample, a `workspace-tasks` id in another).',
    decision: 'The relationship is `workspace-tasks`, its items typed `workspace-tasks`; when present it is validated as such. A `tasks` relationship is an unknown member and is ignored (not an error).',
    reason: 'OAS, go-tfe and python-tfe use `workspace-tasks`; go-tfe checks the item type (api-facts §10.5, §8, H).',
  },
  {
    id: 'E6',
    page: 'Workspace-task samples give `links.self` ending in `/tasks/task-tBXY…` for the resource `wstask-tBXY…`.',
    decision: '`links.self` is an opaque string in the schema; no check compares it with the id.',
    reason: 'The prefix mismatch is a copy error in the page; clients follow ids, not self links (api-facts §10.6, H).',
  },
  {
    id: 'E7',
    page: 'The list, show and update workspace-task tables say the document type is "tasks".',
    decision: 'Workspace-task documents have type `workspace-tasks` (schema const).',
    reason: 'Every sample response on the same page, OAS and go-tfe use `workspace-tasks`; go-tfe fails on any other type (api-facts §10.7, §8, H).',
  },
  {
    id: 'E8',
    page: 'PATCH workspace task: deprecated `stage` limited to "pre_plan" or "post_plan" (POST allows four); the "Deprecated Payload" example does not use `stage` at all.',
    decision: 'The deprecated `stage` takes the same four values on POST and PATCH. Checks send only `pre_plan` to PATCH, valid under both readings, and never require a refusal of the other two.',
    reason: '`stages` accepts all four values on PATCH, so a narrower `stage` would contradict it; the page is inconsistent, not restrictive by design (api-facts §10.8, H).',
  },
  {
    id: 'E9',
    page: 'Create: the parameter table demands owner permission; Required Permissions says Manage Run Tasks suffices.',
    decision: 'The suite runs with an owner token; the restricted member (no Manage Run Tasks) must be refused writes with 404.',
    reason: 'Both readings agree that a member lacking Manage Run Tasks may not write; an owner always may (api-facts §10.9, H).',
  },
  {
    id: 'E10',
    page: 'The description limit (300 characters) and the name character set appear only in prose.',
    decision: 'Both are MUST in the page\'s wording (task.validate.description-length, task.validate.name-characters) and encoded in the request schemas (maxLength 300, pattern), graded documented: a miss warns by default and fails under --strict. That a description of up to 300 ASCII characters is kept whole is observed (task.description.kept).',
    reason: 'The page states them as rules, but nothing shows the service enforcing them (api-facts §10.10, M).',
  },
  {
    id: 'E11',
    page: 'The rate-limit error example (API index page) uses a numeric `status: 429`.',
    decision: 'Error `status` is a string everywhere, 429 included; 429s are handled by the client and never judged.',
    reason: 'Every captured error body uses strings, and JSON:API defines status as a string (api-facts §1, §10.11, M).',
  },
  {
    id: 'E12',
    page: 'Request tables say "Properties without a default value are required", but `description` has neither a default nor "(Optional)".',
    decision: '`description` is optional on create (and kept when omitted on PATCH); null is accepted and reads back as null or "" (task.create.nullable).',
    reason: 'OAS marks it nullable, go-tfe sends null when none is set (Description *string without omitempty; the provider\'s acceptance tests create tasks so), and the provider defaults it to "" (api-facts §2, M).',
  },
];

export type ErratumId = (typeof ERRATA)[number]['id'];
