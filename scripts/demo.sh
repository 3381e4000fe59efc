#!/usr/bin/env bash
# The main job: for now, diagnose the bundled example cases and print verdicts, causes and steps.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
pnpm turbo run build --filter=@sms-doctor/core --output-logs=errors-only
pnpm --filter @sms-doctor/core --silent demo
