#!/usr/bin/env bash
# Runs a command (the tests) with a real Secret Service on the D-Bus session bus.
#
# - A session bus that already has a Secret Service (a desktop session): used as it is.
# - Otherwise: re-run this script under a private `dbus-run-session`, start gnome-keyring's
#   secrets component there with a fresh keyring in a temporary XDG_DATA_HOME, unlocked with a
#   throw-away password, and wait until it stores a secret; the daemon ends with the bus.
#
# Tells the tests what it found through LATCH_TEST_SECRET_SERVICE=present|missing. Without a
# Secret Service, CI=true is a failure; elsewhere the keychain tests are skipped, loudly.
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: with-secret-service.sh COMMAND [ARG...]" >&2
  exit 2
fi

secret_service_on_bus() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || return 1
  command -v dbus-send >/dev/null 2>&1 || return 1
  timeout 5 dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'
}

without_secret_service() {
  local why="$1"
  shift
  if [ "${CI:-}" = "true" ]; then
    echo "with-secret-service: $why. CI=true requires a real Secret Service: failing." >&2
    echo "  install it with: apt-get install -y --no-install-recommends gnome-keyring libsecret-tools dbus" >&2
    exit 1
  fi
  echo "" >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!! with-secret-service: $why." >&2
  echo "!! The OS keychain tests are SKIPPED. Install gnome-keyring and dbus to run them." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "" >&2
  export LATCH_TEST_SECRET_SERVICE=missing
  exec "$@"
}

if secret_service_on_bus; then
  export LATCH_TEST_SECRET_SERVICE=present
  exec "$@"
fi

if [ -z "${LATCH_TEST_PRIVATE_BUS:-}" ]; then
  for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      without_secret_service "$tool is not installed" "$@"
    fi
  done
  export LATCH_TEST_PRIVATE_BUS=1
  exec dbus-run-session -- bash "$0" "$@"
fi

# Inside the private session bus.
mkdir -p "$HOME/.cache" "$HOME/.local/share/keyrings"
data_home="$(mktemp -d "${TMPDIR:-/tmp}/latch-keyring.XXXXXX")"
mkdir -p "$data_home/keyrings"
export XDG_DATA_HOME="$data_home"
# One daemon, started by --unlock: it creates the login keyring unlocked with the password on
# stdin, then registers the Secret Service. (Following it with `--start` can race with the
# first daemon and start a second one whose keyring is locked: about 1 run in 20 then failed
# with "unlock prompt was dismissed".)
eval "$(printf '%s' 'latch-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"

# Wait (at most ~5 s) until a secret can be stored and cleared.
ready=0
for _ in $(seq 1 50); do
  if secret_service_on_bus &&
    { ! command -v secret-tool >/dev/null 2>&1 ||
      { printf 'ready' | timeout 5 secret-tool store --label=latch-ready latch-ready yes 2>/dev/null &&
        timeout 5 secret-tool clear latch-ready yes 2>/dev/null; }; }; then
    ready=1
    break
  fi
  sleep 0.1
done

if [ "$ready" != 1 ]; then
  rm -rf "$data_home"
  without_secret_service "gnome-keyring-daemon did not provide a working Secret Service" "$@"
fi

export LATCH_TEST_SECRET_SERVICE=present
"$@"
status=$?
rm -rf "$data_home"
exit "$status"
