#!/usr/bin/env bash
# The macOS disk image: "LLM Cost Planner.app" beside a link to /Applications, so an owner
# drags the app across. Run on a Mac after `make bundle` (PyInstaller writes the .app next to
# the app folder); used by .github/workflows/release.yml, not run yet on a Mac.
#
#   packaging/macos/make_dmg.sh VERSION ARCH     -> dist/LLM-Cost-Planner-VERSION-macos-ARCH.dmg
#
# The app is signed ad hoc by PyInstaller, not by an Apple developer identity, so the first
# start needs right-click → Open (the README says so).
set -euo pipefail
version=${1:?version, e.g. 0.1.0}
arch=${2:-$(uname -m)}
cd "$(dirname "$0")/../.."
app="dist/LLM Cost Planner.app"
[ -d "$app" ] || { echo "make_dmg: no $app (run make bundle on a Mac)" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
output="dist/LLM-Cost-Planner-$version-macos-$arch.dmg"
rm -f "$output"
hdiutil create -volname "LLM Cost Planner" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$output"
echo "make_dmg: wrote $output ($(du -h "$output" | cut -f1))"
