#!/bin/sh
# Starts the kiosk fullscreen under cage, the Wayland kiosk compositor (Debian package `cage`):
# one application, no desktop, no way out to another window. Arguments go to the kiosk,
# e.g. `cage-kiosk.sh --data-dir /var/lib/village-kiosk`.
#
# KIOSK_BIN overrides the binary; by default the one installed next to this script
# (/opt/village-kiosk/build/kiosk) or in the source tree's build/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin="${KIOSK_BIN:-$here/../build/kiosk}"
[ -x "$bin" ] || { echo "cage-kiosk: no kiosk binary at $bin (set KIOSK_BIN)" >&2; exit 1; }
# SDL2 picks Wayland when asked; without it, it would try X11 first.
export SDL_VIDEODRIVER=wayland
# The kiosk's assets (translations, catalog, calendar) when installed elsewhere than the build.
[ -d "$here/../assets" ] && export VSK_ASSETS_DIR="${VSK_ASSETS_DIR:-$here/../assets}"
# -d: no client-side decorations; -s: allow switching VTs (staff can reach a console).
exec cage -d -s -- "$bin" "$@"
