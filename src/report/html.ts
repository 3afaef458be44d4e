// One self-contained HTML page: inline CSS, no scripts, no external assets, readable offline.
// Every interpolation goes through the `h` template tag, which escapes unless given markup it built itself.
import escapeHtml from 'escape-html';
import {
  BASELINE_ROWS,
  DISPLAY_LABEL,
  SUMMARY_ROWS,
  byCause,
  checksWith,
  counted,
  coverageText,
  displayOf,
  formatMs,
  groupBy,
  isNonPass,
  oneLine,
  prettyBody,
  reasonLine,
  reportTitle,
  shortRequirement,
  truncate,
  type Display,
} from './derive.ts';
import type { CheckResult, Exchange, Report } from './model.ts';
import { TASK_RESULTS_CSS, taskResultsHtml } from './task-results.ts';

const MAX_BODY = 8 * 1024;
const MAX_ROW_MESSAGE = 300; // the full message is in the check's details

/** Markup produced by `h`; anything else interpolated into `h` is text and gets escaped. */
class Markup {
  constructor(readonly html: string) {}
}
type Part = string | number | Markup | null | undefined | false | readonly Part[];

function toHtml(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Markup) return part.html;
  if (Array.isArray(part)) return part.map(toHtml).join('');
  return escapeHtml(String(part));
}

function h(strings: TemplateStringsArray, ...values: Part[]): Markup {
  return new Markup(strings.reduce((out, s, i) => out + s + (i < values.length ? toHtml(values[i]) : ''), ''));
}

const reqAnchor = (requirementId: string) => `req-${requirementId}`;
const checkAnchor = (checkId: string) => `check-${checkId}`;
const href = (anchor: string) => `#${encodeURIComponent(anchor)}`;

const badge = (display: Display) => h`<span class="badge o-${display}">${DISPLAY_LABEL[display]}</span>`;
const level = (value: string) => h`<span class="level level-${value}">${value}</span>`;
const evidence = (grade: string) => h`<span class="evidence" title="evidence grade">${grade}</span>`;

function metaList(entries: readonly (readonly [string, Part])[]): Markup {
  return h`<dl class="meta">${entries.map(([k, v]) => h`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

function header(report: Report): Markup {
  const { target } = report;
  const when = (iso: string) => h`<time datetime="${iso}">${iso}</time>`;
  return h`<header class="v-${report.verdict}">
<h1>${reportTitle(report)}: <span class="verdict">${report.verdict}</span></h1>
${metaList([
  ['target', h`<code>${target.address}</code>${target.embedded ? ' (embedded)' : ''}`],
  ...(target.organization === undefined ? [] : ([['organization', target.organization], ['plan', target.plan ?? 'unknown']] as const)),
  ['seed', report.seed],
  ...(report.side === 'integration' ? [] : ([['runs per property', report.numRuns]] as const)),
  ['run id', h`<code>${report.runId}</code>`],
  ['started', when(report.startedAt)],
  ['finished', when(report.finishedAt)],
  ['duration', formatMs(report.durationMs)],
  ['exit code', report.exitCode],
  ['tool', `${report.tool.name} ${report.tool.version}`],
])}
</header>`;
}

/** Why the exit code is what it is, at the top: a red run never reads as green. */
function gate(report: Report): Markup | null {
  const { reasons } = report.gate;
  if (reasons.length === 0) return null;
  const items = reasons.map((r) => h`<li class="reason x${r.exitCode}">${reasonLine(r, 5)}</li>`);
  return h`<section id="gate"><h2>Why the exit code is ${report.exitCode}</h2><ul>${items}</ul></section>`;
}

/** The counts on one line, coverage and traffic: the groups below say which checks. */
function totals(report: Report): Markup {
  const counts = SUMMARY_ROWS.filter((row) => row.display !== null).map((row) => h`<span>${badge(row.display!)} ${report.summary[row.key]}</span> `);
  const { stats, coverage } = report;
  const uncovered =
    coverage.uncovered.length > 0 &&
    h`<p class="muted">No check ran for: ${coverage.uncovered.map((id, i) => h`${i > 0 ? ', ' : ''}<code>${id}</code>`)}</p>`;
  return h`<section id="totals"><p class="counts"><strong>${counted(report.summary.total, 'check')}</strong> ${counts}</p>
<p class="muted">${coverageText(report)}. ${counted(stats.requests, 'request')}, ${stats.retries429} retried after 429, ${formatMs(stats.waitedMs)} waiting for rate limits.</p>
${uncovered}
</section>`;
}

function idList(ids: readonly string[]): Markup {
  return h`<ul class="ids">${ids.map((id) => h`<li><code>${id}</code></li>`)}</ul>`;
}

function baseline(report: Report): Markup | null {
  const b = report.baseline;
  if (!b) return null;
  const groups = BASELINE_ROWS.map(
    (row) => h`<div class="baseline-${row.key}"><h3>${row.label} (${b[row.key].length})</h3>${idList(b[row.key])}</div>`,
  );
  return h`<section id="baseline"><h2>Compared with baseline <code>${b.path}</code></h2>${groups}</section>`;
}

function leftovers(report: Report): Markup | null {
  const items = report.leftovers ?? [];
  if (items.length === 0) return null;
  const rows = items.map((l) => h`<tr><td>${l.kind}</td><td><code>${l.id}</code></td><td>${l.name ?? ''}</td></tr>`);
  return h`<section id="leftovers"><h2>Left on the target (${items.length})</h2>
<p>The run could not delete these resources; remove them by hand or with <code>sweep</code>.</p>
<table><thead><tr><th>kind</th><th>id</th><th>name</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function headerLines(headers: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function body(text: string | undefined): Markup | null {
  if (text === undefined || text === '') return null;
  return h`<pre class="body">${truncate(prettyBody(text), MAX_BODY)}</pre>`;
}

function statusClass(status: number | null): string {
  return status === null ? 'none' : `s${Math.floor(status / 100)}xx`;
}

function exchange(x: Exchange): Markup {
  return h`<div class="exchange">
<p class="line">${x.direction === 'from-target' ? h`<span class="muted">from the target:</span> ` : ''}<span class="status ${statusClass(x.status)}">${x.status ?? 'no response'}</span> <code>${x.method} ${x.url}</code> <span class="muted">${formatMs(x.durationMs)} · at ${x.startedAt}</span></p>
${x.error && h`<p class="error">${x.error}</p>`}
<div class="io">
<div><h5>Request</h5><pre class="headers">${headerLines(x.requestHeaders)}</pre>${body(x.requestBody)}</div>
<div><h5>Response</h5><pre class="headers">${headerLines(x.responseHeaders)}</pre>${body(x.responseBody)}</div>
</div></div>`;
}

function checkDetail(c: CheckResult): Markup {
  const ef = c.expectedFailure;
  const transcript = c.transcript ?? [];
  return h`<div class="detail">
<blockquote>${c.requirement}</blockquote>
<p class="muted">judged ${c.appliedLevel} (${c.levelReason}; stated ${c.level}) · evidence ${c.evidence} · ${c.source} · suite <code>${c.suite}</code> · ${formatMs(c.durationMs)}${c.flaky ? ' · flaky' : ''}</p>
${c.message && h`<p class="reason"><strong>Reason:</strong> ${c.message}</p>`}
${ef && h`<p class="expected"><strong>Expected failure:</strong> ${ef.reason}${ef.link ? h` (<code>${ef.link}</code>)` : ''}${ef.expires ? ` · expires ${ef.expires}` : ''}</p>`}
${c.reproduction && h`<h5>Reproduce (the token from $TFE_TOKEN)</h5><pre class="curl">${c.reproduction}</pre>`}
${transcript.length > 0 ? h`<h5>Transcript (${transcript.length})</h5>${transcript.map(exchange)}` : h`<p class="muted">No transcript recorded.</p>`}
</div>`;
}

/** One line per check: id, level, evidence, outcome and the reason (a pass shows what it checked); details on demand. */
function checkRow(c: CheckResult): Markup {
  const display = displayOf(c);
  const flaky = c.flaky ? h` <span class="badge flaky">flaky</span>` : null;
  const text = display === 'pass' && !c.message ? h`<span class="msg muted">${shortRequirement(c.requirement, 120)}</span>` : h`<span class="msg">${truncate(oneLine(c.message), MAX_ROW_MESSAGE)}</span>`;
  const cells = h`<a class="id" href="${href(reqAnchor(c.requirementId))}" title="requirement ${c.requirementId}">${c.id}</a>${level(c.appliedLevel)}${evidence(c.evidence)}${badge(display)}${flaky}${text}`;
  const content = isNonPass(c) ? h`<details><summary class="row">${cells}</summary>${checkDetail(c)}</details>` : h`<div class="row">${cells}</div>`;
  return h`<li id="${checkAnchor(c.id)}" class="check o-${display}">${content}</li>`;
}

/** The outcome groups in the order a reader acts on them; what passed (and what does not apply) comes last. */
const GROUPS: readonly { display: Display; title: string; byCause: boolean }[] = [
  { display: 'fail', title: 'Failures', byCause: false },
  { display: 'warn', title: 'Warnings', byCause: false },
  { display: 'inconclusive', title: 'Inconclusive', byCause: true },
  { display: 'expected-failure', title: 'Expected failures', byCause: false },
  { display: 'not-applicable', title: 'Not applicable', byCause: true },
  { display: 'pass', title: 'Passed', byCause: false },
];

/** Checks that ended alike for one cause: one folded line per cause ("117 checks: creating a workspace answered 500"). */
function causeList(checks: readonly CheckResult[]): Markup {
  return h`${byCause(checks).map((g) => h`<details class="cause"><summary><strong>${counted(g.checks.length, 'check')}</strong>: ${truncate(oneLine(g.cause), MAX_ROW_MESSAGE)}</summary><ul class="checks">${g.checks.map(checkRow)}</ul></details>`)}`;
}

function checkGroup(report: Report, group: (typeof GROUPS)[number]): Markup | null {
  const checks = checksWith(report, group.display);
  if (checks.length === 0) return null;
  const title = group.byCause ? `${group.title} (${counted(checks.length, 'check')}, ${counted(byCause(checks).length, 'cause')})` : `${group.title} (${checks.length})`;
  const body = group.byCause ? causeList(checks) : h`<ul class="checks">${checks.map(checkRow)}</ul>`;
  return h`<section class="group o-${group.display}"><h2>${title}</h2>${body}</section>`;
}

/**
 * A filter that needs neither a script nor a network: radio inputs before the groups, and CSS that hides the
 * groups the checked one does not name. "Not passing" (the default) folds away what passed or does not apply.
 */
const FILTERS: readonly { id: string; label: string; shows: readonly Display[] }[] = [
  { id: 'open', label: 'Not passing', shows: ['fail', 'warn', 'inconclusive', 'expected-failure'] },
  ...GROUPS.map((g) => ({ id: g.display, label: g.title, shows: [g.display] })),
  { id: 'all', label: 'All', shows: GROUPS.map((g) => g.display) },
];

function filterCss(): string {
  return FILTERS.map((f) => {
    const hidden = GROUPS.filter((g) => !f.shows.includes(g.display)).map((g) => `#f-${f.id}:checked~.groups>.o-${g.display}`);
    return `${hidden.length ? `${hidden.join(',')}{display:none}` : ''}#f-${f.id}:checked~nav label[for=f-${f.id}]{background:var(--panel);border-color:var(--fg)}`;
  }).join('\n');
}

function results(report: Report): Markup {
  const count = (shows: readonly Display[]) => report.checks.filter((c) => shows.includes(displayOf(c))).length;
  const filters = FILTERS.filter((f) => f.id === 'open' || f.id === 'all' || count(f.shows) > 0);
  const inputs = filters.map((f) => h`<input type="radio" name="show" id="f-${f.id}"${f.id === 'open' ? new Markup(' checked') : ''}>`);
  const labels = filters.map((f) => h`<label for="f-${f.id}">${f.label} (${count(f.shows)})</label>`);
  const hidden = count(['pass', 'not-applicable']);
  const folded = hidden === 1 ? '1 check that passed or does not apply is' : `${hidden} checks that passed or do not apply are`;
  return h`<section id="results">${inputs}<nav aria-label="show">${labels}</nav>
<div class="groups">${GROUPS.map((g) => checkGroup(report, g))}
<p class="folded">${hidden > 0 ? `${folded} folded away: choose Passed, Not applicable or All above.` : ''}</p></div>
</section>`;
}

function catalogue(report: Report): Markup {
  const byRequirement = groupBy(report.checks, (c) => c.requirementId);
  const ids = [...byRequirement.keys()].sort();
  const entries = ids.map((id) => {
    const checks = byRequirement.get(id) ?? [];
    const first = checks[0];
    if (!first) return null;
    const links = checks.map((c) => h`<a href="${href(checkAnchor(c.id))}">${c.id}</a> ${badge(displayOf(c))} `);
    return h`<dt id="${reqAnchor(id)}"><code>${id}</code> ${level(first.level)}</dt>
<dd><blockquote>${first.requirement}</blockquote>
<p class="muted">${first.source}${first.endpoint ? h` · <code>${first.endpoint}</code>` : ''} · ${first.family}</p>
<p>${links}</p></dd>`;
  });
  return h`<section id="catalogue"><details><summary><h2>Requirement catalogue (${ids.length})</h2></summary><dl class="catalogue">${entries}</dl></details></section>`;
}

const CSS = `
:root{--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;
--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--na:#59636e;--inc:#8250df;--xf:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--panel:#151b23;
--pass:#3fb950;--fail:#f85149;--warn:#d29922;--na:#9198a1;--inc:#a371f7;--xf:#4493f8}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.5rem;overflow:auto;max-height:30rem;white-space:pre-wrap;word-break:break-word}
a{color:var(--xf)}
header{border-left:6px solid var(--na);padding:.25rem 1rem;margin-bottom:1rem}
header.v-conformant{border-color:var(--pass)} header.v-non-conformant{border-color:var(--fail)} header.v-inconclusive{border-color:var(--inc)}
.v-conformant .verdict{color:var(--pass)} .v-non-conformant .verdict{color:var(--fail)} .v-inconclusive .verdict{color:var(--inc)}
h1{font-size:1.5rem;margin:.25rem 0}
.meta{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0}
.meta div{display:flex;gap:.4rem} .meta dt{color:var(--muted)} .meta dd{margin:0}
table{border-collapse:collapse} th,td{border:1px solid var(--line);padding:.2rem .6rem;text-align:left}
.totals td{text-align:right;min-width:4rem}
.badge{display:inline-block;border-radius:1em;padding:0 .55em;font-size:12px;font-weight:600;color:#fff;background:var(--na);white-space:nowrap}
.badge.o-pass{background:var(--pass)} .badge.o-fail{background:var(--fail)} .badge.o-warn{background:var(--warn)}
.badge.o-not-applicable{background:var(--na)} .badge.o-inconclusive{background:var(--inc)} .badge.o-expected-failure{background:var(--xf)}
.badge.flaky{background:transparent;color:var(--warn);border:1px solid var(--warn)}
.level{font-size:11px;font-weight:700;border:1px solid var(--line);border-radius:4px;padding:0 .3em}
.level-MUST{color:var(--fail)} .level-SHOULD{color:var(--warn)}
.evidence{font-size:11px;color:var(--muted);margin-left:.3em}
.muted{color:var(--muted)}
.attention,.ids{columns:3 18rem;padding-left:1.2rem}
.endpoint{border-top:1px solid var(--line);margin-top:1rem}
.counts{font-weight:400;font-size:12px;margin-left:.5rem}
.requirement h4{margin:.75rem 0 .25rem;font-weight:500}
.checks{list-style:none;padding:0;margin:0 0 0 1rem}
.check{border-left:4px solid var(--na);margin:.2rem 0;padding-left:.5rem}
.check.o-pass{border-color:var(--pass)} .check.o-fail{border-color:var(--fail)} .check.o-warn{border-color:var(--warn)}
.check.o-inconclusive{border-color:var(--inc)} .check.o-expected-failure{border-color:var(--xf)}
.row{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem}
summary.row{cursor:pointer}
.row .id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.row .msg{flex:1 1 20rem;color:var(--muted);overflow-wrap:anywhere}
.detail{padding:.25rem 0 .75rem 1rem}
blockquote{margin:.5rem 0;padding:.25rem .75rem;border-left:3px solid var(--line);font-style:italic}
.exchange{border:1px solid var(--line);border-radius:6px;padding:.5rem;margin:.5rem 0}
.exchange .line{margin:0 0 .25rem;overflow-wrap:anywhere}
.io{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:.5rem}
h5{margin:.25rem 0;font-size:12px;text-transform:uppercase;color:var(--muted)}
.status{font-weight:700} .s2xx{color:var(--pass)} .s4xx{color:var(--warn)} .s5xx,.none{color:var(--fail)}
.error{color:var(--fail)}
.catalogue dt{margin-top:.75rem;scroll-margin-top:1rem} .catalogue dt:target{background:var(--panel)}
.catalogue dd{margin-left:1rem}
#results>input{position:absolute;opacity:0;pointer-events:none}
#results nav{display:flex;flex-wrap:wrap;gap:.4rem;margin:.75rem 0}
#results nav label{cursor:pointer;border:1px solid var(--line);border-radius:1em;padding:.1rem .7rem}
.group h2{font-size:1.1rem;margin:1rem 0 .25rem}
details.cause{margin:.25rem 0 .25rem 1rem} details.cause>summary{cursor:pointer}
.folded{display:none;color:var(--muted)} #f-open:checked~.groups .folded{display:block}
#catalogue summary h2{display:inline;font-size:1.1rem}
#gate li.x1,#gate li.x2{color:var(--fail)} #gate li.x3{color:var(--inc)}
`;

export function renderHtml(report: Report): string {
  const title = `${reportTitle(report)}: ${report.verdict} (${report.target.address}, run ${report.runId})`;
  const page = h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new Markup(CSS + filterCss() + TASK_RESULTS_CSS)}</style>
</head>
<body>
${header(report)}
<main>
${gate(report)}
${totals(report)}
${new Markup(taskResultsHtml(report))}
${baseline(report)}
${leftovers(report)}
${results(report)}
${catalogue(report)}
</main>
</body>
</html>
`;
  return page.html;
}
