// The requirements of the integration side: what a run-task integration service must do when HCP Terraform
// (here the harness's stand-in) sends it a run-task request, and how it must call back. Every statement is
// quoted from the Run tasks integration API page (run-tasks-integration), the set-up page (run-tasks-setup),
// or integration-facts.md (reference/); suites/integration/ name these ids, with the stage as [variant].
//
// Level is what the wording demands. Evidence (appliedLevel() turns the two into the run's level):
//   observed    the docs state it and HCP Terraform is shown acting on it (the docs describe its reaction:
//               a refused registration, a 401/422 answer, an errored task; or a HashiCorp SDK shows it);
//   documented  the docs state it, nothing shows HCP Terraform enforcing it: warns unless --strict;
//   open        the docs are silent or contradict each other: every reading passes, a miss only warns.
import { documented, family as requirementFamily, observed, open, type IntegrationFamily, type Requirement, type Row } from './requirement.ts';

export const INTEGRATION_ENDPOINTS = {
  request: 'POST :url',
  callback: 'PATCH :callback_url',
} as const;
const E = INTEGRATION_ENDPOINTS;

const INT = (section: string) => `run-tasks-integration § ${section}`;
const SETUP = (section: string) => `run-tasks-setup § ${section}`;
const F = (section: string, confidence: string) => `integration-facts ${section} (${confidence})`;
const SCHEMA = 'hashicorp/web-unified-docs public/schema/run-tasks/runtask-result.json';
const GOTFE = 'hashicorp/go-tfe run_tasks_integration.go (Callback)';
const SCAF = 'hashicorp/terraform-run-task-scaffolding-go internal/sdk/handler (hmac.go, run_task_handler.go)';

const family = (name: IntegrationFamily, rows: Row[]) => requirementFamily('integration', name, rows);

export const INTEGRATION_REQUIREMENTS: readonly Requirement[] = [
  ...family('verification', [
    [
      'integration.verification.status',
      'MUST',
      'We send a test POST to the supplied URL, and it must respond with a 200 for the run task to be created. (Its stage is undocumented: a 200 to either reading passes.)',
      SETUP('Prerequisites'),
      E.request,
      observed('HCP Terraform refuses to create the task otherwise; a 202 failed registration until the handler answered 200', SETUP('Prerequisites'), 'aws-ia/terraform-aws-runtask-iam-access-analyzer issue #117', 'integration-facts §1.4'),
    ],
    [
      'integration.verification.every-reading',
      'SHOULD',
      'The verification request\'s stage is not documented ("test" in one sample\'s fixture, a run stage by another reading): a service should answer 200 to both',
      F('§1.4, §7', 'M-L'),
      E.request,
      open('no capture shows the stage HCP Terraform sends in the test POST', 'integration-facts §1.4', 'integration-facts §7'),
    ],
    [
      'integration.verification.no-callback',
      'SHOULD',
      'The test request carries access_token "test-token", a nonsense token that is never valid: answer 200 and send no callback',
      F('§1.4', 'M'),
      E.callback,
      open('undocumented; HashiCorp\'s scaffolding and four other samples short-cut it without calling back', SCAF, 'integration-facts §1.4'),
    ],
  ]),
  ...family('stage-request', [
    [
      'integration.request.accepted',
      'MUST',
      'The service receiving the run task request should respond with 200 OK, or HCP Terraform will retry to trigger the run task. (A success status: anything else is a failed request. Every run\'s four stage requests include one with a VCS repository and, of integration-facts §1.2\'s two readings of a run without one, one with its vcs_* members null, as the docs\' table has it, and one with them left out, as two HashiCorp SDKs declare them omitempty.)',
      INT('Run Task Request'),
      E.request,
      observed('the docs describe HCP Terraform\'s reaction: it retries, and a mandatory task that fails "including timeouts or unexpected remote errors" stops the run', INT('Run Task Request'), 'workspace-run-tasks (enforcement levels)', 'integration-facts §2'),
    ],
    [
      'integration.request.status-200',
      'MUST',
      '200 | No Content | Successfully submitted a run task (exactly 200)',
      INT('Run Task Request'),
      E.request,
      documented('the docs name 200 only; whether another 2xx is refused at run time is not shown (it is at registration)', INT('Run Task Request'), 'integration-facts §7'),
    ],
    [
      'integration.request.timely',
      'SHOULD',
      'The service answers the request at once (the 200 only acknowledges it; the work is reported by callback): within the harness\'s request timeout',
      F('§2', 'gap'),
      E.request,
      open('no public source gives HCP Terraform\'s timeout on the POST; the harness waits --request-timeout (default 10 s)', 'integration-facts §2', 'integration-facts §7'),
    ],
  ]),
  ...family('callback', [
    [
      'integration.callback.final',
      'MUST',
      'Once the external integration fulfills the request, that integration must call back into HCP Terraform with the overall result of either passed or failed. The request errors if HCP Terraform does not receive a progress update within 10 minutes or if the request runs for more than 60 minutes.',
      INT('Run Task Callback'),
      E.callback,
      observed('the docs describe HCP Terraform\'s reaction: the task errors (or is assumed failed) when the deadline passes', INT('Run Task Callback'), SETUP('Integration Details'), 'integration-facts §3.6'),
    ],
    [
      'integration.callback.request',
      'MUST',
      'PATCH :callback_url | The task_result_callback_url specified in the run task request.',
      INT('Run Task Callback'),
      E.callback,
      observed('HCP Terraform routes the callback by that URL and method: go-tfe PATCHes the URL as given, the OpenAPI description has only PATCH', INT('Run Task Callback'), GOTFE, 'hashicorp/go-tfe v2/openapi/spec.json'),
    ],
    [
      'integration.callback.token',
      'MUST',
      'The PATCH request must use the token supplied in the originating request (access_token) for authentication. | 401 | Not authorized to perform action',
      INT('Run Task Callback, Request Headers'),
      E.callback,
      observed('the docs list HCP Terraform\'s 401 for it; go-tfe sets Authorization: Bearer <access_token>', INT('Run Task Callback'), GOTFE, 'integration-facts §3.1'),
    ],
    [
      'integration.callback.media-type',
      'MUST',
      'HCP Terraform expects you to callback to the supplied task_result_callback_url using the access_token as an Authentication Header with a jsonapi payload (Content-Type: application/vnd.api+json)',
      SETUP('Integration Details'),
      E.callback,
      documented('the SDKs and every sample send it; whether HCP Terraform refuses another type (415) is not shown', SETUP('Integration Details'), 'integration-facts §3.1', 'integration-facts §7'),
    ],
    [
      'integration.callback.final-once',
      'MUST',
      'Both the passed and failed statuses represent a final state for a run task. The running status allows one or more partial updates until the task has reached a final state.',
      INT('Run Task Callback, Request Body'),
      E.callback,
      documented('the docs say final; only the OpenAPI description (409 for a terminal result) suggests HCP Terraform refuses more', INT('Run Task Callback, Request Body'), 'integration-facts §3.4', 'integration-facts §6.7'),
    ],
    [
      'integration.callback.not-when-refused',
      'MUST',
      'A request whose signature does not verify is not HCP Terraform\'s: the service refuses it and does not act on it (no callback with its token)',
      SETUP('Securing your Run Task'),
      E.callback,
      documented('the signature exists so that services can tell forged requests; one sample\'s callback after its own 400 is a bug', SETUP('Securing your Run Task'), 'integration-facts §4'),
    ],
  ]),
  ...family('callback-body', [
    [
      'integration.callback.body',
      'MUST',
      'data.type | Must be "task-results". data.attributes.status | Only passed, failed or running are allowed. Status values other than passed, failed, or running return an error.',
      INT('Run Task Callback, Request Body'),
      E.callback,
      observed('the docs list HCP Terraform\'s 422 for it; go-tfe refuses other statuses client-side', INT('Run Task Callback'), 'hashicorp/go-tfe run_tasks_integration.go (valid)', 'integration-facts §3.2'),
    ],
    [
      'integration.callback.message',
      'MUST',
      'data.attributes.message | (Recommended, but optional) A short message describing the status of the task. (The JSON schema: 1 to 1000 characters.)',
      INT('Run Task Callback, Request Body'),
      E.callback,
      documented('the JSON schema\'s limit; which limits HCP Terraform enforces is not known', SCHEMA, 'integration-facts §3.2', 'integration-facts §7'),
    ],
    [
      'integration.callback.url',
      'MUST',
      'data.attributes.url | (Optional) A URL where users can obtain more information about the task. (The JSON schema: a URI of at most 500 characters; http or https.)',
      INT('Run Task Callback, Request Body'),
      E.callback,
      documented('the JSON schema\'s format and limit; a URL without http(s) shows badly in the UI (a sample\'s screenshots)', SCHEMA, 'integration-facts §3.2'),
    ],
    [
      'integration.callback.outcomes',
      'MUST',
      'Outcomes: type "task-result-outcomes" with outcome-id (1-64), description (one line, 1-1000), optional body ("a maximum allowable limit of 5MB"), optional url; at most 250 outcomes. outcome_id (the schema\'s spelling) and bodies over the schema\'s 10,000 characters pass: the sources disagree.',
      INT('Outcomes Payload Body'),
      E.callback,
      documented('the docs and schema state the shape and limits; which HCP Terraform enforces is not known', INT('Outcomes Payload Body'), SCHEMA, 'integration-facts §6.3, §6.4'),
    ],
    [
      'integration.callback.tags',
      'MUST',
      'tags | An object containing tag arrays, named by the property key. tags.key[].label | The text value of the tag. tags.key[].level | none, info, warning, or error. (Schema: labels of 1-32 characters, at most 10 headings; any heading name passes: the schema\'s pattern contradicts the docs\' "Cost Centre".)',
      INT('Outcomes Payload Body'),
      E.callback,
      documented('the docs and schema state the levels and limits; what HCP Terraform does with others is not known', INT('Outcomes Payload Body'), 'hashicorp/web-unified-docs public/schema/run-tasks/runtask-rich-label.json', 'integration-facts §6.5'),
    ],
    [
      'integration.callback.outcomes-location',
      'SHOULD',
      'relationships.outcomes.data | array | (Recommended, but optional) A collection of detailed run task outcomes. (The set-up page\'s short example puts "outcomes" in attributes instead.)',
      INT('Run Task Callback, Request Body'),
      E.callback,
      open('the two pages disagree; go-tfe, python-tfe and the full examples use data.relationships.outcomes.data', INT('Run Task Callback, Request Body'), SETUP('Integration Details'), 'integration-facts §6.6'),
    ],
  ]),
  ...family('signature', [
    [
      'integration.signature.wrong-refused',
      'MUST',
      'If the run task is configured with an HMAC Key, this header contains the signed SHA512 sum of the request payload using the configured HMAC key: a request whose X-TFC-Task-Signature does not match is refused (4xx)',
      `${INT('Request Headers')}; ${SETUP('Securing your Run Task')}`,
      E.request,
      documented('the docs sign the payload so that the service can verify it; nothing HCP Terraform does depends on the answer', SETUP('Securing your Run Task'), SCAF, 'integration-facts §4'),
    ],
    [
      'integration.signature.missing-refused',
      'MUST',
      'A service with an HMAC key refuses (4xx) a request without a signature: the header left out, or empty as HCP Terraform sends it for a task without a key',
      `${INT('Request Headers')}; ${SETUP('Securing your Run Task')}`,
      E.request,
      documented('the docs say the header is empty without a key; the scaffolding refuses a missing signature when it has a key', INT('Request Headers'), SCAF, 'integration-facts §4'),
    ],
    [
      'integration.signature.status-401',
      'SHOULD',
      'Currently undocumented but 401 is the expected response for an invalid HMAC',
      F('§4', 'M'),
      E.request,
      open('no status is documented; 401 is the common reading (the scaffolding, the AWS modules, the Node sample), 400 and 422 also occur', SCAF, 'integration-facts §4'),
    ],
    [
      'integration.input.malformed-json',
      'SHOULD',
      'A body that is not JSON is refused with a client error (4xx), never a success or a 5xx, and the service keeps its connection',
      F('§2', 'M'),
      E.request,
      open('HCP Terraform never sends one; the samples answer 400 (scaffolding, AWS)', 'integration-facts §2', 'integration-facts §4'),
    ],
  ]),
  ...family('resilience', [
    [
      'integration.resilience.keeps-serving',
      'MUST',
      'The service receiving the run task request should respond with 200 OK, or HCP Terraform will retry to trigger the run task: a request of any stage, as documented, leaves the service answering the next one (whichever form the 200 to its callbacks takes: the task-results document or no body, integration-facts §6.7)',
      INT('Run Task Request'),
      E.request,
      observed('the docs describe HCP Terraform\'s reaction: it retries, and every later run\'s mandatory task errors on the "unexpected remote errors"', INT('Run Task Request'), 'workspace-run-tasks (enforcement levels)', 'integration-facts §2'),
    ],
    [
      'integration.resilience.callback-401',
      'MUST',
      '401 | JSON API error object | Not authorized to perform action: a callback refused so (an expired token: "all run-task tokens live 10 minutes") leaves the service answering later requests',
      INT('Run Task Callback'),
      E.callback,
      observed('the docs list the 401 HCP Terraform answers, and its tokens expire after 10 minutes', INT('Run Task Callback'), 'users-teams-organizations/permissions § Permissions Outside HCP Terraform\'s Scope', 'integration-facts §1.3'),
    ],
    [
      'integration.resilience.callback-422',
      'MUST',
      '422 | JSON API error object | Invalid response payload: a callback refused so leaves the service answering later requests',
      INT('Run Task Callback'),
      E.callback,
      observed('the docs list the 422 HCP Terraform answers to an invalid payload', INT('Run Task Callback'), 'integration-facts §3.4'),
    ],
  ]),
];
