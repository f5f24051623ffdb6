#!/usr/bin/env bash
# Debian packages the tests need, installed once when missing: Chromium renders the HTML report
# in its browser test (DejaVu gives it fonts with the report's symbols).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[[ -d /usr/share/fonts/truetype/dejavu ]] || missing+=(fonts-dejavu-core)
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=()
[[ "$(id -u)" -ne 0 ]] && sudo=(sudo)
echo "[setup] installing ${missing[*]} from Debian's packages" >&2
"${sudo[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >&2
