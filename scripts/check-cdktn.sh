#!/usr/bin/env bash
# npm run check:cdktn: would this project run unchanged on cdktn, the community fork of cdktf?
#
# In a temporary copy of the repository (this checkout is not touched), `cdktf` is aliased to
# cdktn (`"cdktf": "npm:cdktn@<version>"`, constructs 10.6.0, npm --legacy-peer-deps because the
# @cdktf/provider-* bindings declare a cdktf 0.21 peer), then:
#   1. every environment is synthesized with the copy and with this checkout, and each generated
#      JSON file (stacks, modules, environments) is compared apart from whitespace and the
#      cdktf version stamp in `//.metadata.version`;
#   2. the copy is type-checked (tsc --noEmit); errors this checkout also has are not cdktn's.
# Only the library is swapped: cdktn's CLI needs Node >= 22.19, and @cdktn/provider-aws starts
# at AWS provider 6.x, so the bindings stay @cdktf/provider-* here.
#
# Environment: CDKTN_VERSION (default 0.24.0), CONSTRUCTS_VERSION (default 10.6.0),
# KEEP_CDKTN_COPY=1 keeps the copy for inspection. Exit 0 when identical and type-correct.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CDKTN_VERSION="${CDKTN_VERSION:-0.24.0}"
CONSTRUCTS_VERSION="${CONSTRUCTS_VERSION:-10.6.0}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/check-cdktn-XXXXXX")"
COPY="$WORK/repo"
cleanup() { if [ "${KEEP_CDKTN_COPY:-}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
export CHECKPOINT_DISABLE=1
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "copying the repository to $COPY"
mkdir -p "$COPY"
tar -C "$ROOT" --exclude=./node_modules --exclude=./cdktf.out --exclude='./cdktf.out.*' --exclude=./.cache --exclude=./.git -cf - . | tar -C "$COPY" -xf -
# Hard links make the copy of node_modules instant; npm replaces a changed package by removing
# its folder and extracting new files, which never writes through to this checkout's files.
cp -al "$ROOT/node_modules" "$COPY/node_modules"
if [ -f "$COPY/node_modules/.package-lock.json" ]; then
  cp --remove-destination "$ROOT/node_modules/.package-lock.json" "$COPY/node_modules/.package-lock.json"
fi

step "aliasing cdktf to cdktn@$CDKTN_VERSION, constructs $CONSTRUCTS_VERSION"
(cd "$COPY" && npm install --no-audit --no-fund --ignore-scripts --legacy-peer-deps \
  "cdktf@npm:cdktn@$CDKTN_VERSION" "constructs@$CONSTRUCTS_VERSION")
node -e 'const p=require(process.argv[1]+"/node_modules/cdktf/package.json"); console.log("node_modules/cdktf is", p.name+"@"+p.version)' "$COPY"

step "synthesizing every environment with cdktf (this checkout) and with cdktn (the copy)"
(cd "$ROOT" && CDKTF_OUTDIR="$WORK/out-cdktf" node -r ./scripts/register.js main.ts)
SYNTH_STATUS=0
(cd "$COPY" && CDKTF_OUTDIR="$WORK/out-cdktn" node -r ./scripts/register.js main.ts) || SYNTH_STATUS=$?

COMPARE_STATUS=0
if [ "$SYNTH_STATUS" -eq 0 ]; then
  step "comparing the synthesized JSON"
  node - "$WORK/out-cdktf" "$WORK/out-cdktn" <<'EOF' || COMPARE_STATUS=$?
const fs = require('node:fs');
const path = require('node:path');
const [a, b] = process.argv.slice(2);
const files = (dir, rel = '') =>
  fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, path.join(rel, e.name)) : e.name.endsWith('.json') ? [path.join(rel, e.name)] : []);
const norm = (file) => {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  // The version stamp names the library; everything else must match.
  if (j['//']?.metadata?.version) j['//'].metadata.version = '<version>';
  if (typeof j.version === 'string' && path.basename(file) === 'manifest.json') j.version = '<version>';
  return JSON.stringify(j, null, 1);
};
const left = files(a).sort();
const right = files(b).sort();
const onlyLeft = left.filter((f) => !right.includes(f));
const onlyRight = right.filter((f) => !left.includes(f));
const differ = left.filter((f) => right.includes(f) && norm(path.join(a, f)) !== norm(path.join(b, f)));
console.log(`${left.length} JSON files from cdktf, ${right.length} from cdktn; ${differ.length} differ`);
for (const f of onlyLeft) console.log(`  only with cdktf: ${f}`);
for (const f of onlyRight) console.log(`  only with cdktn: ${f}`);
for (const f of differ.slice(0, 20)) {
  const x = norm(path.join(a, f)).split('\n');
  const y = norm(path.join(b, f)).split('\n');
  const i = x.findIndex((l, n) => l !== y[n]);
  console.log(`  differs: ${f} (first at line ${i + 1}: ${JSON.stringify(x[i])} vs ${JSON.stringify(y[i])})`);
}
process.exit(onlyLeft.length + onlyRight.length + differ.length > 0 ? 1 : 0);
EOF
fi

step "type-checking the copy (and this checkout, to tell cdktn's errors from the tree's own)"
TSC_STATUS=0
(cd "$COPY" && npx tsc --noEmit -p tsconfig.json > "$WORK/tsc-cdktn.txt" 2>&1) || true
(cd "$ROOT" && npx tsc --noEmit -p tsconfig.json > "$WORK/tsc-cdktf.txt" 2>&1) || true
NEW_ERRORS="$(grep -Fxv -f "$WORK/tsc-cdktf.txt" "$WORK/tsc-cdktn.txt" | grep 'error TS' || true)"
if [ -n "$NEW_ERRORS" ]; then TSC_STATUS=1; echo "$NEW_ERRORS"; fi
echo "$(grep -c 'error TS' "$WORK/tsc-cdktn.txt" || true) error(s) with cdktn, $(grep -c 'error TS' "$WORK/tsc-cdktf.txt" || true) with cdktf; only with cdktn: $(printf '%s' "$NEW_ERRORS" | grep -c 'error TS' || true)"

step "result"
echo "synth with cdktn:    $([ "$SYNTH_STATUS" -eq 0 ] && echo ok || echo "FAILED ($SYNTH_STATUS)")"
echo "same JSON as cdktf:  $([ "$SYNTH_STATUS" -ne 0 ] && echo 'not compared' || ([ "$COMPARE_STATUS" -eq 0 ] && echo yes || echo NO))"
echo "typecheck on cdktn:  $([ "$TSC_STATUS" -eq 0 ] && echo "no error that cdktf does not have" || echo "FAILED (errors only with cdktn above)")"
[ "$SYNTH_STATUS" -eq 0 ] && [ "$COMPARE_STATUS" -eq 0 ] && [ "$TSC_STATUS" -eq 0 ]
