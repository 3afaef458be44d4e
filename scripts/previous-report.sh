#!/usr/bin/env bash
# The nightly workflow's baseline: the conformance-report artifact of the latest earlier run of the workflow
# on this run's branch, unpacked into a directory (default previous/), through the GitHub CLI the hosted
# runners ship, so no third-party action runs with the job's token. Only the same branch: a manual run on
# another branch must not become the next night's baseline. No earlier report (the first night, every artifact
# expired, no permission to list runs, no branch) is a notice and exit 0: the suite then runs without a baseline.
# Reads GH_TOKEN and GH_REPO (gh's own variables), GITHUB_REF_NAME and GITHUB_RUN_ID. Tested by
# test/cli/previous-report.test.ts.
set -uo pipefail
dir="${1:-previous}"
workflow="${RTC_WORKFLOW:-nightly-conformance.yml}"
artifact="${RTC_ARTIFACT:-conformance-report}"
notice() { echo "::notice title=run-tasks-conformance::$1: no baseline this time"; }

branch="${GITHUB_REF_NAME:-}"
if [ -z "$branch" ]; then
  notice "GITHUB_REF_NAME is not set, so there is no branch to take the earlier runs from"
  exit 0
fi
# Newest first; a run still in progress (this one) is not completed, and is skipped by id all the same.
if ! runs="$(gh run list --workflow "$workflow" --branch "$branch" --status completed --limit 10 --json databaseId --jq '.[].databaseId')"; then
  notice "could not list the earlier runs of $workflow on $branch"
  exit 0
fi
for id in $runs; do
  [ "$id" = "${GITHUB_RUN_ID:-}" ] && continue
  rm -rf "$dir" # what a failed download left must not pass for a report
  if gh run download "$id" --name "$artifact" --dir "$dir"; then
    echo "baseline: the $artifact artifact of run $id"
    exit 0
  fi
done
rm -rf "$dir"
notice "no earlier run of $workflow on $branch has a $artifact artifact (the first night, or they expired)"
