#!/usr/bin/env bash
# The step of the composite action (action.yml): flags from its RTC_* environment, the target from TFE_*,
# the outputs to $GITHUB_OUTPUT, and the run's own exit code. Tested by test/cli/action.test.ts.
set -uo pipefail
: "${ACTION_PATH:?set ACTION_PATH to the directory of the action}"
report_dir="${RTC_REPORT_DIR:-reports}"
fail_on="${RTC_FAIL_ON:-failures}"
args=(--report-dir "$report_dir")
if [ -n "${RTC_SUITES:-}" ]; then args+=(--suite "$RTC_SUITES"); fi
if [ -n "${RTC_BASELINE:-}" ]; then
  if [ -f "$RTC_BASELINE" ]; then
    args+=(--baseline "$RTC_BASELINE")
  elif [ "$fail_on" = regressions ]; then
    # A first run (no baseline committed yet, a nightly's first night): nothing can have regressed, and the
    # CLI refuses --fail-on regressions without --baseline, so the run gates on failures instead.
    fail_on=failures
    echo "::notice title=run-tasks-conformance::baseline $RTC_BASELINE not found: no comparison this time, and fail-on regressions falls back to --fail-on failures"
  else
    echo "::notice title=run-tasks-conformance::baseline $RTC_BASELINE not found: no comparison this time"
  fi
fi
args+=(--fail-on "$fail_on")
if [ -n "${RTC_EXPECTED_FAILURES:-}" ]; then args+=(--expected-failures "$RTC_EXPECTED_FAILURES"); fi
if [ -n "${RTC_WAIT_FOR:-}" ]; then args+=(--wait-for "$RTC_WAIT_FOR"); fi
# Further flags, split on blanks like a command line without quotes.
if [ -n "${RTC_ARGS:-}" ]; then read -r -a extra <<< "$RTC_ARGS"; args+=("${extra[@]}"); fi

report="$report_dir/report.json"
rm -f "$report" # a report left by an earlier run must not stand for this one
# The node flag of `npm run conformance` (README Performance: it keeps the main isolate's young generation small).
node --max-semi-space-size=2 "$ACTION_PATH/bin/run-tasks-conformance.js" "${args[@]}"
code=$?

verdict=none
if [ -f "$report" ]; then
  verdict="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).verdict)' "$report")"
fi
{
  echo "verdict=$verdict"
  echo "report-path=$report"
  echo "exit-code=$code"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
