#!/usr/bin/env bash
# The main job: the whole of SMS Doctor, working. Installs what is missing (pnpm, the dependencies, Debian's
# redis-server and chromium), builds everything, then runs the demo (apps/demo): Redis, the worker and its API,
# the sandbox and Chromium with the extension; it tours every scenario and plays the Pending-to-live loop.
#   bash scripts/demo.sh [--headed] [--keep]
# Screenshots and the summary go to demo-output/. Ctrl-C (or SIGTERM) stops everything the demo started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --services
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
pnpm turbo run build --output-logs=errors-only

# pnpm does not pass signals on to the script it runs, so the demo runs in a process group of its own and a
# Ctrl-C or SIGTERM sent to this script goes to all of it; the demo then stops everything it started.
set -m
pnpm --filter @sms-doctor/demo --silent demo -- "$@" &
demo=$!
trap 'kill -TERM -- "-$demo" 2>/dev/null || true' INT TERM
status=0
wait "$demo" || status=$?
# After a signal, the demo may still be stopping what it started when pnpm has already exited: wait for it.
while kill -0 -- "-$demo" 2>/dev/null; do sleep 0.2; done
exit "$status"
