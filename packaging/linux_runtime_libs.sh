#!/usr/bin/env bash
# The system libraries Qt needs to open the app's window offscreen on Linux (the tests' Qt
# and the bundle's), installed from Debian's packages when one is missing and this runs as
# root with apt-get; otherwise it names the packages to install and fails.
#
# PyInstaller leaves OpenGL and libxcb to the system (they must match the machine's
# drivers); fontconfig, xkbcommon, D-Bus and GLib are checked too, as wheels of Qt need
# them. A desktop session also needs the xcb plugin's libraries (see the README).
set -euo pipefail

declare -A PACKAGE_OF=(
    [libGL.so.1]=libgl1
    [libEGL.so.1]=libegl1
    [libxcb.so.1]=libxcb1
    [libfontconfig.so.1]=libfontconfig1
    [libfreetype.so.6]=libfreetype6
    [libxkbcommon.so.0]=libxkbcommon0
    [libdbus-1.so.3]=libdbus-1-3
    [libglib-2.0.so.0]=libglib2.0-0
)

ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
known=$("$ldconfig" -p)
missing=()
for library in "${!PACKAGE_OF[@]}"; do
    if ! grep -q "^[[:space:]]*$library " <<<"$known"; then
        missing+=("${PACKAGE_OF[$library]}")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "linux_runtime_libs: every library Qt needs is installed"
    exit 0
fi
echo "linux_runtime_libs: missing ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "install them (e.g. sudo apt-get install ${missing[*]}) and run again" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
