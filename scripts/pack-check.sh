#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, install the tarball into a scratch project (dependencies from the
# npm registry, as any install), run the installed binary from there. Run by .ci/run; needs the npm registry.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

tarball="$(cd "$root" && npm pack --silent --pack-destination "$scratch" | tail -1)"
echo "packed $tarball"
tar -tzf "$scratch/$tarball" > "$scratch/contents"
for path in package/LICENSE package/README.md package/reference/api-facts.md package/reference/run-tasks-api.txt package/schemas/report.schema.json package/bin/run-tasks-conformance.js; do
  grep -qx "$path" "$scratch/contents" || { echo "pack-check: $path is not in the package" >&2; exit 1; }
done
if grep -q '^package/test/' "$scratch/contents"; then echo "pack-check: the package ships test/" >&2; exit 1; fi

mkdir "$scratch/project"
cd "$scratch/project"
npm init -y > /dev/null
npm install --no-audit --no-fund --silent "$scratch/$tarball"
# --no-install: only the copy just installed may run, never a package of that name from the registry.
npx --no-install run-tasks-conformance --version
npx --no-install run-tasks-conformance list --suite task-lifecycle | tail -1
npx --no-install run-tasks-conformance --suite task-lifecycle --report-dir reports
test -s reports/report.json
# The integration side from the installed copy too (the stand-in's TLS dependency included).
npx --no-install run-tasks-conformance integration --suite verification --tls --report-dir reports-integration
test -s reports-integration/report.json
echo "pack-check: the installed tarball runs"

# The same from a git URL (a local one: git+file:// needs no network beyond the registry for dependencies).
if git -C "$root" rev-parse HEAD > /dev/null 2>&1 && [ -z "$(git -C "$root" status --porcelain)" ]; then
  mkdir "$scratch/from-git"
  cd "$scratch/from-git"
  npm init -y > /dev/null
  npm install --no-audit --no-fund --silent "git+file://$root#$(git -C "$root" rev-parse HEAD)"
  npx --no-install run-tasks-conformance list --grep '^task\.show\.status$' | tail -1
  echo "pack-check: the package installed from a git URL runs"
else
  echo "pack-check: uncommitted changes: the git-URL install is checked on a clean tree only"
fi
