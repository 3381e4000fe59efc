#!/usr/bin/env bash
# Installs what SMS Doctor needs on a machine that has only Node 20+ and npm: pnpm, the workspace's
# dependencies, and (with --services) Debian's redis-server and chromium. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
say() { printf '\033[1;34m▸ %s\033[0m\n' "$*"; }

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  say "installing pnpm $PNPM_VERSION"
  # A global install where we may; otherwise into the project, on PATH for this run.
  if ! npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
    npm install --no-save --prefix .tools "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$PWD/.tools/node_modules/.bin:$PATH"
  fi
fi

say "installing dependencies"
pnpm install --frozen-lockfile --reporter=silent

if [ "${1:-}" = "--services" ]; then
  missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian's packages"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    if command -v apt-get >/dev/null 2>&1 && { [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }; then
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "SMS Doctor needs ${missing[*]}: install them (Debian/Ubuntu: apt-get install ${missing[*]}) and run again." >&2
      exit 1
    fi
  fi
fi
