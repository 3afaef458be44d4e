// A failure's curl reproduction: the token never appears (the shell's $TFE_TOKEN does), and any body survives
// the shell's quoting unchanged.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { curlFor, shellQuote } from '../../src/report/reproduce.ts';
import { exchange } from './fixture.ts';

describe('curlFor', () => {
  it('repeats method, headers, body and URL, with the credential from $TFE_TOKEN', () => {
    const curl = curlFor(exchange({ requestHeaders: { authorization: '[REDACTED]', 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' } }));
    expect(curl).toBe(
      `curl -sS -i -X POST -H "Authorization: Bearer $TFE_TOKEN" -H 'content-type: application/vnd.api+json' -H 'accept: application/vnd.api+json' ` +
        `--data-raw '{"data":{"type":"tasks","attributes":{"name":"rtc-a1b2c3d4-task"}}}' 'http://127.0.0.1:4567/api/v2/organizations/acme/tasks'`,
    );
  });

  it('sends no credential when the check sent none, and no body for a GET', () => {
    expect(curlFor(exchange({ method: 'GET', requestHeaders: {}, requestBody: undefined }))).toBe(`curl -sS -i 'http://127.0.0.1:4567/api/v2/organizations/acme/tasks'`);
  });

  it.each([`it's`, `'; rm -rf / #`, '$(echo no) `no` "$HOME" \\ \n line'])('quotes %j so the shell hands it over unchanged', async (text) => {
    const { stdout } = await promisify(execFile)('bash', ['-c', `printf '%s' ${shellQuote(text)}`]);
    expect(stdout).toBe(text);
  });
});
