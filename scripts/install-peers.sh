#!/usr/bin/env bash
# Installs the Debian packages of the real peers the test suites talk to (a Secret Service for
# the keyring store, a session bus to reach it, Chromium for the browser-login tests, Redis for
# the shared stores) and wrk, the load generator of the demo server's benchmark. Does nothing
# when they are all there.
set -euo pipefail

packages=(dbus gnome-keyring libsecret-tools chromium redis-server wrk)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-peers: no apt-get here; install the equivalent of: ${missing[*]}" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "install-peers: run as root, or install: ${missing[*]}" >&2
    exit 1
  fi
fi
echo "install-peers: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
