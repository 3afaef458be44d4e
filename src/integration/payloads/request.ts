// The requests HCP Terraform sends to a run task's URL: the verification ("test") request and one request
// per stage, with every documented member in the order of the docs' sample, as compact JSON, with the
// documented headers (run-tasks-integration § Request Body, § Request Headers; integration-facts §1).
import type { RunTaskRequest } from '../../types/contract.ts';
import { computeSignature } from '../../contract/signature.ts';
import { hasPlan, type RunContext, type Stage } from './context.ts';

export const USER_AGENT = 'TFC/1.0 (+https://app.terraform.io; TFC)';
export const SIGNATURE_HEADER = 'x-tfc-task-signature';
/** The access token of the verification request: "a nonsense token that should never be valid" (integration-facts §1.4). */
export const VERIFICATION_TOKEN = 'test-token';

/** What the HCP Terraform stand-in issued for one request: where to call back and with which token. */
export interface Issued {
  taskResultId: string;
  accessToken: string;
  callbackUrl: string;
  planJsonUrl: string;
  configurationUrl: string;
  /** The stand-in's public base (https://host:port), for the app URLs of the payload. */
  baseUrl: string;
}

/** The verification request's stage is undocumented (integration-facts §1.4, §7): "test" and "post_plan" are both read. */
export type VerificationReading = 'test' | 'post_plan';

type VcsMembers = Pick<RunTaskRequest, 'vcs_branch' | 'vcs_commit_url' | 'vcs_commit_hash' | 'vcs_pull_request_url' | 'vcs_repo_url'>;

/** The vcs_* members in the docs' order; those without a value null or left out, as the run's reading has it (integration-facts §1.2). */
function vcsMembers(run: RunContext): VcsMembers {
  const vcs = run.vcs;
  const members: VcsMembers = {
    vcs_branch: vcs?.branch ?? null,
    vcs_commit_url: vcs?.commitUrl ?? null,
    vcs_commit_hash: vcs?.commitHash ?? null,
    vcs_pull_request_url: vcs?.pullRequestUrl ?? null,
    vcs_repo_url: vcs?.repoUrl ?? null,
  };
  return run.missingVcs === 'null' ? members : (Object.fromEntries(Object.entries(members).filter(([, value]) => value !== null)) as VcsMembers);
}

export function stageRequest(stage: Stage | 'test', run: RunContext, issued: Issued): RunTaskRequest {
  const app = `${issued.baseUrl}/app/${run.organization}`;
  // Member order follows the docs' sample payload: a service re-serialising the parsed body (integration-facts
  // §1.1: two samples do) only verifies its signature when the bytes are compact and in this order.
  return {
    payload_version: 1,
    stage,
    access_token: issued.accessToken,
    capabilities: { outcomes: true },
    configuration_version_download_url: run.configurationVersion.downloadable ? issued.configurationUrl : null,
    configuration_version_id: run.configurationVersion.id,
    is_speculative: run.run.speculative,
    organization_name: run.organization,
    ...(hasPlan(stage) || stage === 'test' ? { plan_json_api_url: issued.planJsonUrl } : {}),
    ...(run.project ? { project_id: run.project.id, project_name: run.project.name, project_app_url: `${app}/projects/${run.project.id}` } : {}),
    run_app_url: `${app}/${run.workspace.name}/runs/${run.run.id}`,
    run_created_at: run.run.createdAt,
    run_created_by: run.run.createdBy,
    run_id: run.run.id,
    run_message: run.run.message,
    task_result_callback_url: issued.callbackUrl,
    task_result_enforcement_level: run.enforcement,
    task_result_id: issued.taskResultId,
    ...vcsMembers(run),
    workspace_app_url: `${app}/${run.workspace.name}`,
    workspace_id: run.workspace.id,
    workspace_name: run.workspace.name,
    workspace_working_directory: run.workspace.workingDirectory,
  };
}

/**
 * The verification request: a full dummy payload with access_token "test-token" (five samples recognise it
 * so), in either reading of its stage; its callback URL leads to a task result that refuses every token.
 */
export function verificationRequest(reading: VerificationReading, run: RunContext, issued: Issued): RunTaskRequest {
  return stageRequest(reading, run, { ...issued, accessToken: VERIFICATION_TOKEN });
}

export interface WireRequest {
  body: string;
  headers: Record<string, string>;
}

/** Compact JSON and the documented headers; the signature is the lowercase hex HMAC-SHA512 of exactly these bytes, empty without a key. */
export function encode(payload: unknown, hmacKey: string | null): WireRequest {
  return sign(JSON.stringify(payload), hmacKey);
}

/** Headers for a body sent as is (the malformed-JSON check signs bytes that are not JSON). */
export function sign(body: string, hmacKey: string | null): WireRequest {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      [SIGNATURE_HEADER]: hmacKey ? computeSignature(body, hmacKey) : '',
    },
  };
}

/** The same request with a signature that is not the body's (one hex digit changed). */
export function withWrongSignature(request: WireRequest, hmacKey: string): WireRequest {
  const good = computeSignature(request.body, hmacKey);
  const last = good.at(-1) === '0' ? '1' : '0';
  return { ...request, headers: { ...request.headers, [SIGNATURE_HEADER]: `${good.slice(0, -1)}${last}` } };
}

/** The same request without a usable signature: the header left out, or sent empty as HCP Terraform does for a task without a key. */
export function withoutSignature(request: WireRequest, how: 'absent' | 'empty'): WireRequest {
  const { [SIGNATURE_HEADER]: _dropped, ...rest } = request.headers;
  return { ...request, headers: how === 'absent' ? rest : { ...rest, [SIGNATURE_HEADER]: '' } };
}
