// SIGINT/SIGTERM as one piece, driven with a fake clock: no real signal and no timing assertion.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_MARGIN_MS, Interruption, leftWords, reportReserveMs, SAME_INTERRUPTION_MS } from '../../src/runner/interrupt.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function interruption(timeoutMs = 3000, left: string[] = []) {
  const lines: string[] = [];
  const exits: number[] = [];
  const it = new Interruption(timeoutMs, { log: (l) => lines.push(l), left: () => left, exit: (c) => exits.push(c) });
  return { it, lines, exits };
}

describe('Interruption', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('the first %s stops the run, says the cleanup comes first and the deadline, and sets exit %i', (signal, code) => {
    const { it: i, lines } = interruption();
    expect(i.signal.aborted).toBe(false);
    i.onSignal(signal, 0);
    expect(i.signal.aborted).toBe(true);
    expect(i.stopWaiting.aborted).toBe(false);
    expect(i.code).toBe(code);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${signal}: stopping; removing what this run created, then writing the reports \\(within 3 s, --cleanup-timeout`))]);
    i.dispose();
  });

  it('a second signal within a few hundred milliseconds is the same interruption: nothing changes', () => {
    const { it: i, lines, exits } = interruption();
    i.onSignal('SIGTERM', 0);
    i.onSignal('SIGINT', SAME_INTERRUPTION_MS - 1);
    i.onSignal('SIGINT', SAME_INTERRUPTION_MS - 1);
    expect(i.stopWaiting.aborted).toBe(false);
    expect(i.code).toBe(143);
    expect(lines).toHaveLength(1);
    expect(exits).toEqual([]);
    i.dispose();
  });

  it('a later second signal stops waiting for the cleanup, saying what is left and naming sweep; a third exits at once', () => {
    const { it: i, lines, exits } = interruption(3000, ['task task-1', 'workspace ws-2']);
    i.onSignal('SIGINT', 0);
    i.onSignal('SIGINT', SAME_INTERRUPTION_MS + 1);
    expect(i.stopWaiting.aborted).toBe(true);
    expect(lines[1]).toMatch(/^SIGINT again: stopped waiting for the cleanup; 2 resources may be left behind \(task task-1, workspace ws-2\): `run-tasks-conformance sweep --yes` removes them; writing the reports$/);
    expect(exits).toEqual([]);
    i.onSignal('SIGINT', SAME_INTERRUPTION_MS * 3);
    expect(exits).toEqual([130]);
    expect(lines[2]).toMatch(/^SIGINT again: exiting without the reports; 2 resources may be left behind/);
    i.dispose();
  });

  it('the cleanup gets the timeout less a reserve for the reports; just before the timeout the process exits, whatever it is doing', () => {
    const { it: i, lines, exits } = interruption(3000, ['task task-1']);
    i.onSignal('SIGTERM', performance.now());
    expect(i.cleanupLeftMs()).toBeCloseTo(3000 - reportReserveMs(3000), -1);
    vi.advanceTimersByTime(3000 - reportReserveMs(3000));
    expect(i.stopWaiting.aborted).toBe(true);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(reportReserveMs(3000) - EXIT_MARGIN_MS);
    expect(exits).toEqual([143]);
    expect(lines.at(-1)).toMatch(/^the --cleanup-timeout of 3 s is over: exiting without the reports; 1 resource may be left behind \(task task-1\): `run-tasks-conformance sweep --yes` removes it/);
  });

  it('a run whose reports are written in time disposes of the deadline: no exit from the timer', () => {
    const { it: i, exits } = interruption(1000);
    i.onSignal('SIGINT', performance.now());
    i.reporting();
    i.dispose();
    vi.advanceTimersByTime(5000);
    expect(exits).toEqual([]);
  });

  it('no signal, no deadline', () => {
    const { it: i } = interruption();
    expect(i.interrupted).toBe(false);
    expect(i.cleanupLeftMs()).toBe(Infinity);
    i.dispose();
  });
});

describe('leftWords', () => {
  it('says when nothing is left, and names sweep otherwise', () => {
    expect(leftWords([])).toBe('the journal lists nothing left behind');
    expect(leftWords(['task task-1'])).toContain('`run-tasks-conformance sweep --yes`');
  });
});
