#!/usr/bin/env bash
# Checks a built app folder the way an owner would use it: from a folder outside the
# checkout, with a clean environment (no virtual environment, no PYTHONPATH, nothing but
# HOME and PATH=/usr/bin:/bin), on Qt's offscreen platform.
#
#   packaging/smoke_test.sh [APP_FOLDER]     (default: dist/llm-cost-planner)
#
# The command line estimates a copied template (--json, then --xlsx and --pdf in Polish),
# the app runs --smoke-test, and neither leaves settings or autosaves in HOME. On Linux
# every library the bundle carries must find the libraries it links to.
set -euo pipefail

checkout=$(cd "$(dirname "$0")/.." && pwd)
folder=$(cd "${1:-$checkout/dist/llm-cost-planner}" && pwd)
program="$folder/llm-cost-planner"
[ -x "$program" ] || { echo "smoke_test: no app at $program (run make bundle)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/llm-cost-planner-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/home"
cp "$checkout/templates/customer_email.json" "$work/plan.json"
cd "$work"

fail() { echo "smoke_test: FAILED: $*" >&2; exit 1; }
app() { env -i HOME="$work/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen "$program" "$@"; }
passed=0
step() {
    local started=$SECONDS
    "$@"
    passed=$((passed + 1))
    echo "smoke_test: ok   $1 ($((SECONDS - started)) s)"
}

libraries_resolve() {
    [ "$(uname -s)" = Linux ] || return 0
    local internal="$folder/_internal" missing
    # Every ELF file the bundle carries; a Qt, PySide6 or Python library not found is one
    # the spec left out although something kept needs it. Others come from the system.
    missing=$(find "$internal" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 |
        LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib:$internal/PySide6" \
            xargs -0 -n 20 ldd 2>/dev/null | awk '/not found/ {print $1}' | sort -u)
    local ours
    ours=$(grep -E '^lib(Qt6|pyside6|shiboken6|icu|python)' <<<"$missing" || true)
    [ -z "$ours" ] || fail "the bundle lacks libraries it links to: $(echo $ours)"
    [ -z "$missing" ] || echo "smoke_test: from the system when used: $(echo $missing)"
}

estimate_json() {
    app estimate plan.json --json >estimate.json || fail "estimate --json exited $?"
    grep -q '"recommendation"' estimate.json || fail "estimate --json has no recommendation"
    grep -q '"kind": "api"' estimate.json || fail "estimate --json lists no API option"
}

estimate_exports() {
    app estimate plan.json --lang pl --currency PLN --xlsx plan.xlsx --pdf plan.pdf \
        >table.txt || fail "estimate --xlsx --pdf exited $?"
    grep -q 'zł' table.txt || fail "the Polish table shows no złoty amounts"
    [ "$(head -c 5 plan.pdf)" = "%PDF-" ] || fail "plan.pdf is not a PDF"
    [ "$(head -c 2 plan.xlsx)" = "PK" ] || fail "plan.xlsx is not a workbook (zip)"
    grep -aq 'xl/workbook.xml' plan.xlsx || fail "plan.xlsx has no workbook part"
}

app_smoke_test() {
    local line
    line=$(app --smoke-test 2>smoke.err) || fail "--smoke-test: $(cat smoke.err)"
    echo "smoke_test: $line"
    [[ $line == "smoke test OK:"* ]] || fail "--smoke-test printed: $line"
}

nothing_written() {
    local written
    written=$(cd home && find . -mindepth 1 -not -path './.cache*' | head -5)
    [ -z "$written" ] || fail "the app wrote into HOME: $(echo $written)"
}

echo "smoke_test: $program, run from $work"
step libraries_resolve
step estimate_json
step estimate_exports
step app_smoke_test
step nothing_written
echo "smoke_test: $passed passed, 0 failed"
