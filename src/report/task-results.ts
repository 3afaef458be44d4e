// The integration side's task results, shown the way HCP Terraform shows a run task's result to the user of
// the task: its status, its message and details link, and each outcome with its Status and Severity tags
// (the headings HCP Terraform gives their own columns, matched without case), its other tags and its body.
// Plugged into the HTML report (and, as a short table, the Markdown summary) by one call each.
import escapeHtml from 'escape-html';
import type { CheckResult, Report } from './model.ts';

type TaskResult = NonNullable<CheckResult['taskResult']>;
interface Tag {
  label: string;
  level: string;
}
interface Outcome {
  id: string;
  description: string;
  body: string | null;
  url: string | null;
  tags: [heading: string, labels: Tag[]][];
}

const STATUS_LABEL: Record<string, string> = { pending: 'Pending', running: 'Running', passed: 'Passed', failed: 'Failed' };
const STATUS_ICON: Record<string, string> = { pending: '○', running: '◔', passed: '✓', failed: '✗' };
const LEVEL_ICON: Record<string, string> = { info: 'ℹ', warning: '⚠', error: '✖' };
/** The tag headings HCP Terraform shows in columns of their own (run-tasks-integration § Severity and Status Tags). */
const COLUMNS = ['Status', 'Severity'] as const;

const esc = (value: unknown) => escapeHtml(String(value));
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The task results a report holds, one per stage, in the order the checks ran. */
export function taskResultsOf(report: Report): TaskResult[] {
  return report.checks.flatMap((c) => (c.taskResult ? [c.taskResult] : []));
}

/** An outcome as sent, read leniently (a check judges its shape; the rendering shows whatever came). */
function outcomeOf(raw: object): Outcome {
  const a = ((raw as { attributes?: unknown }).attributes ?? {}) as Record<string, unknown>;
  const tags = a.tags !== null && typeof a.tags === 'object' && !Array.isArray(a.tags) ? (a.tags as Record<string, unknown>) : {};
  return {
    id: str(a['outcome-id']) ?? str(a.outcome_id) ?? '',
    description: str(a.description) ?? '(no description)',
    body: str(a.body),
    url: str(a.url),
    tags: Object.entries(tags).map(([heading, labels]) => [
      heading,
      (Array.isArray(labels) ? labels : [labels]).map((l) => ({ label: String((l as { label?: unknown })?.label ?? ''), level: String((l as { level?: unknown })?.level ?? 'none') })),
    ]),
  };
}

/** Only http(s) URLs become links: anything else is shown as text. */
function link(url: string | null, text: string): string {
  return url && /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noreferrer">${esc(text)}</a>` : url ? `${esc(text)} <code>${esc(url)}</code>` : '';
}

function tagLabels(tags: readonly Tag[]): string {
  return tags.map((t) => `<span class="tag tag-${/^(none|info|warning|error)$/.test(t.level) ? t.level : 'none'}">${LEVEL_ICON[t.level] ? `${LEVEL_ICON[t.level]} ` : ''}${esc(t.label)}</span>`).join(' ');
}

function column(outcome: Outcome, heading: string): Tag[] {
  return outcome.tags.filter(([h]) => h.toLowerCase() === heading.toLowerCase()).flatMap(([, labels]) => labels);
}

function outcomeRow(outcome: Outcome): string {
  const others = outcome.tags.filter(([h]) => !COLUMNS.some((c) => c.toLowerCase() === h.toLowerCase()));
  const details = [outcome.body ? `<pre class="tr-body">${esc(outcome.body.length > 4000 ? `${outcome.body.slice(0, 4000)}…` : outcome.body)}</pre>` : '', link(outcome.url, 'View details')].filter(Boolean).join('');
  const title = `${esc(outcome.description)}${outcome.id ? ` <span class="muted">${esc(outcome.id)}</span>` : ''}`;
  return `<tr><td>${details ? `<details><summary>${title}</summary>${details}</details>` : title}</td>${COLUMNS.map((c) => `<td>${tagLabels(column(outcome, c))}</td>`).join('')}<td>${others.map(([h, labels]) => `<span class="muted">${esc(h)}:</span> ${tagLabels(labels)}`).join('<br>')}</td></tr>`;
}

function taskResultHtml(r: TaskResult): string {
  const outcomes = r.outcomes.map((o) => outcomeOf(o));
  const table = outcomes.length
    ? `<table class="tr-outcomes"><thead><tr><th>Outcome</th>${COLUMNS.map((c) => `<th>${c}</th>`).join('')}<th>Tags</th></tr></thead><tbody>${outcomes.map(outcomeRow).join('')}</tbody></table>`
    : '<p class="muted">No outcomes.</p>';
  return `<article class="task-result tr-${esc(r.status)}">
<h3><code>${esc(r.stage)}</code> <span class="tr-status">${STATUS_ICON[r.status] ?? '?'} ${esc(STATUS_LABEL[r.status] ?? r.status)}</span></h3>
<p>${r.message ? esc(r.message) : '<span class="muted">No message.</span>'} ${link(r.url, 'Details')}</p>
${table}
</article>`;
}

export const TASK_RESULTS_CSS = `
.task-result{border:1px solid var(--line);border-left:6px solid var(--na);border-radius:6px;padding:.25rem .75rem;margin:.5rem 0}
.task-result.tr-passed{border-left-color:var(--pass)} .task-result.tr-failed{border-left-color:var(--fail)} .task-result.tr-running{border-left-color:var(--warn)}
.task-result h3{margin:.25rem 0;font-size:1rem} .tr-passed .tr-status{color:var(--pass)} .tr-failed .tr-status{color:var(--fail)} .tr-running .tr-status{color:var(--warn)}
.tr-outcomes{width:100%;margin:.25rem 0 .5rem} .tr-outcomes td{vertical-align:top}
.tag{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 .35em;font-size:12px;margin:1px 0}
.tag-info{color:var(--xf);border-color:var(--xf)} .tag-warning{color:var(--warn);border-color:var(--warn)} .tag-error{color:var(--fail);border-color:var(--fail)}
.tr-body{max-height:16rem}
`;

/** The HTML section, or '' when the report holds no task result (the API side). */
export function taskResultsHtml(report: Report): string {
  const results = taskResultsOf(report);
  if (!results.length) return '';
  return `<section id="task-results"><h2>What a user of the task sees</h2>
<p class="muted">Each stage's task result as HCP Terraform would hold it after the callbacks it accepted: status, message, details link and outcomes.</p>
${results.map(taskResultHtml).join('\n')}
</section>`;
}

/** A short table for summary.md, or null on the API side. */
export function taskResultsMarkdown(report: Report): string | null {
  const results = taskResultsOf(report);
  if (!results.length) return null;
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 120);
  const rows = results.map((r) => `| \`${r.stage}\` | ${STATUS_ICON[r.status] ?? '?'} ${STATUS_LABEL[r.status] ?? r.status} | ${cell(r.message ?? '')} | ${r.outcomes.length} |`);
  return ['**What a user of the task sees**', '', '| stage | status | message | outcomes |', '|---|---|---|---:|', ...rows].join('\n');
}
