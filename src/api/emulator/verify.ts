// The verification POST the real service sends to a task's URL on create and on every update
// (api-facts §7): only a 200 answer lets the change through.
import { createHmac, randomUUID } from 'node:crypto';
import { randomAlphanumeric } from './ids.ts';

export const VERIFICATION_USER_AGENT = 'TFC/1.0 (+https://app.terraform.io; TFC)';
export const SIGNATURE_HEADER = 'X-TFC-Task-Signature';

/** Lowercase hex HMAC-SHA512 of the exact body bytes; the docs send an empty string when there is no key. */
export function sign(body: string, hmacKey: string): string {
  return hmacKey === '' ? '' : createHmac('sha512', hmacKey).update(body, 'utf8').digest('hex');
}

/**
 * The integration payload shape with dummy values. `access_token` "test-token" and `stage` "test" are
 * how integrations recognise a verification request and answer 200 at once.
 */
export function verificationPayload(organization: string): Record<string, unknown> {
  const app = 'https://app.terraform.io';
  const workspace = 'rtc-verification';
  const runId = `run-${randomAlphanumeric(16)}`;
  const configurationVersionId = `cv-${randomAlphanumeric(16)}`;
  return {
    payload_version: 1,
    stage: 'test',
    access_token: 'test-token',
    capabilities: { outcomes: true },
    configuration_version_download_url: `${app}/api/v2/configuration-versions/${configurationVersionId}/download`,
    configuration_version_id: configurationVersionId,
    is_speculative: false,
    organization_name: organization,
    run_app_url: `${app}/app/${organization}/${workspace}/runs/${runId}`,
    run_created_at: new Date().toISOString(),
    run_created_by: 'rtc-user',
    run_id: runId,
    run_message: 'Run task URL verification',
    task_result_callback_url: `${app}/api/v2/task-results/${randomUUID()}/callback`,
    task_result_enforcement_level: 'advisory',
    task_result_id: `taskrs-${randomAlphanumeric(16)}`,
    vcs_branch: null,
    vcs_commit_url: null,
    vcs_pull_request_url: null,
    vcs_repo_url: null,
    workspace_app_url: `${app}/app/${organization}/${workspace}`,
    workspace_id: `ws-${randomAlphanumeric(16)}`,
    workspace_name: workspace,
    workspace_working_directory: '',
  };
}

/**
 * POSTs the signed payload to `url`. Resolves to undefined when the endpoint answered 200, else to
 * a short reason (status, refusal, timeout). Redirects are not followed: a 3xx is not a 200.
 */
export async function verifyUrl(url: string, hmacKey: string, organization: string, timeoutMs: number): Promise<string | undefined> {
  const body = JSON.stringify(verificationPayload(organization));
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': VERIFICATION_USER_AGENT,
        [SIGNATURE_HEADER]: sign(body, hmacKey),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel(); // free the connection; the answer's content does not matter
    return response.status === 200 ? undefined : `it answered HTTP ${response.status}; a 200 is required`;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return `it did not answer within ${timeoutMs} ms`;
    return 'the request failed (connection refused or unreachable)';
  }
}
