#!/usr/bin/env bash
# Runs a command against a Secret Service that hangs: inside a private session bus (run this
# under `dbus-run-session --`), starts gnome-keyring, stops it with SIGSTOP once it owns
# org.freedesktop.secrets, runs the command, then resumes the daemon (which ends with the bus).
# Usage: dbus-run-session -- bash stuck-secret-service.sh COMMAND [ARG...]
set -uo pipefail
data_home="$(mktemp -d "${TMPDIR:-/tmp}/latch-stuck-keyring.XXXXXX")"
mkdir -p "$data_home/keyrings"
export XDG_DATA_HOME="$data_home"
eval "$(printf '%s' 'latch-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
pid=""
for _ in $(seq 1 50); do
  pid="$(timeout 5 dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
    awk '/uint32/ { print $2 }')"
  [ -n "$pid" ] && break
  sleep 0.1
done
if [ -z "$pid" ]; then
  echo "stuck-secret-service: gnome-keyring-daemon did not register a Secret Service" >&2
  rm -rf "$data_home"
  exit 97
fi
kill -STOP "$pid"
"$@"
status=$?
kill -CONT "$pid"
rm -rf "$data_home"
exit "$status"
