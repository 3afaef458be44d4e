// The pure judgements of the integration checks: where a body violation belongs, and what a missing final
// status means when the harness's window is shorter or longer than HCP Terraform's ten minutes.
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/integration/stand-in/index.ts';
import type { IntegrationSuiteConfig } from '../../src/runner/integration/suite-config.ts';
import type { ServiceExchange } from '../../suites/integration/_harness/exchange.ts';
import { areaOf, judgeFinal } from '../../suites/integration/_harness/predicates.ts';

const attempt = (status: string, answer: number): RecordedRequest => ({
  receivedAt: '2025-01-01T00:00:00.000Z',
  atMs: 0,
  method: 'PATCH',
  path: '/api/v2/task-results/g/callback',
  headers: {},
  body: JSON.stringify({ data: { type: 'task-results', attributes: { status } } }),
  kind: 'callback',
  taskResultId: 'taskrs-1',
  status: answer,
  answer: '',
  refusal: answer === 200 ? null : `${answer} not authorized`,
});

const exchange = (ended: ServiceExchange['ended'], attempts: RecordedRequest[]) => ({ ended, result: { attempts } }) as unknown as ServiceExchange;
const config = (callbackTimeoutMs: number) => ({ callbackTimeoutMs, callbackTotalMs: callbackTimeoutMs * 6, documentedCallbackTimeoutMs: 600_000 }) as IntegrationSuiteConfig;

describe('judgeFinal', () => {
  it('passes once a final status was accepted', () => {
    expect(judgeFinal(exchange('final', [attempt('running', 200), attempt('passed', 200)]), config(30_000))).toEqual({ outcome: 'pass' });
  });

  it('fails at once when the final status was sent and refused', () => {
    expect(judgeFinal(exchange('inactive', [attempt('passed', 401)]), config(30_000))).toMatchObject({ outcome: 'fail', message: expect.stringMatching(/"passed" refused with 401/) });
  });

  it('is inconclusive when nothing came within a window shorter than the documented one, and says how to judge it', () => {
    expect(judgeFinal(exchange('inactive', []), config(30_000))).toMatchObject({ outcome: 'inconclusive', message: expect.stringMatching(/--callback-timeout 600/) });
    expect(judgeFinal(exchange('total', [attempt('running', 200)]), config(30_000))).toMatchObject({ outcome: 'inconclusive', message: expect.stringMatching(/in 180 s in all/) });
  });

  it('fails when the documented window itself has passed', () => {
    expect(judgeFinal(exchange('inactive', [attempt('running', 200)]), config(600_000))).toMatchObject({ outcome: 'fail', message: expect.stringMatching(/HCP Terraform errors the task/) });
  });
});

describe('areaOf: a callback body violation belongs to one requirement', () => {
  it.each([
    ['/', 'body'],
    ['/data/type', 'body'],
    ['/data/attributes/status', 'body'],
    ['/data/attributes/message', 'message'],
    ['/data/attributes/url', 'url'],
    ['/data/relationships/outcomes/data', 'outcomes'],
    ['/data/relationships/outcomes/data/3/attributes/outcome-id', 'outcomes'],
    ['/data/relationships/outcomes/data/3/attributes/tags/Status/0/level', 'tags'],
  ])('%s -> %s', (pointer, area) => {
    expect(areaOf(pointer)).toBe(area);
  });
});
