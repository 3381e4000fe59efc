#!/usr/bin/env bash
# The one command that runs every check: lint, typecheck, build, then every package's tests
# (real Redis, real Chromium with the built extension). .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --services
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
pnpm turbo run lint typecheck build --output-logs=errors-only
# One package at a time: the suites start redis-server and Chromium, and this machine has two cores.
pnpm turbo run test --concurrency=1
