#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser) and need CJK fonts,
# otherwise Chinese renders as boxes. Installs both when missing; needs root or sudo.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
if ((${#need[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "pacer setup: please install ${need[*]} (needs root)" >&2
  exit 1
fi
echo "pacer setup: installing ${need[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
