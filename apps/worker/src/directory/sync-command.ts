import { listFindingAlerts } from "../alerts/finding-alerts.js";
import type { Config } from "../config.js";
import type { RedisClient } from "../redis/connections.js";
import { terminalText } from "../terminal-text.js";
import { AdminApiClient } from "./admin-api-client.js";
import { directoryTenants } from "./directory-config.js";
import { syncDirectory, syncFailure } from "./directory-sync.js";
import { tallyLine } from "./read-tally.js";

/**
 * `sms-doctor sync --tenant t`: one directory sync in the foreground (the worker runs them on a
 * schedule), then the alerts it raised. Resumes an unfinished sync like the worker does.
 */
export async function runSyncCommand(
  config: Config,
  redis: RedisClient,
  tenant: string,
  json: boolean,
): Promise<number> {
  const configured = directoryTenants(config).find((t) => t.tenant === tenant);
  if (!configured) {
    console.error(
      `tenant "${tenant}" has no Administration API: set SMS_DOCTOR_DIRECTORY_URLS and SMS_DOCTOR_DIRECTORY_KEYS`,
    );
    return 2;
  }
  const started = new Date().toISOString();
  const client = new AdminApiClient({ baseUrl: configured.adminApiUrl, apiKey: configured.apiKey });
  const abort = new AbortController();
  process.once("SIGINT", () => abort.abort(new Error("interrupted")));
  const summary = await syncDirectory(
    {
      redis,
      client,
      tenant,
      prefix: config.SMS_DOCTOR_PREFIX,
      pageSize: config.SMS_DOCTOR_DIRECTORY_PAGE_SIZE,
    },
    abort.signal,
  );
  const { items } = await listFindingAlerts(
    redis,
    tenant,
    { since: started, limit: 500 },
    config.SMS_DOCTOR_PREFIX,
  );
  if (json) {
    console.log(JSON.stringify({ ...summary, alerts: items }, null, 2));
  } else {
    console.log(
      `sync ${summary.status}: ${summary.usersSeen} users read, ${summary.usersChanged} changed, ${items.length} new findings, ${summary.requests} requests`,
    );
    // Names, ids, reasons and explanations come from the Administration API (some through findings' data):
    // printed as text.
    console.log(`  ${terminalText(tallyLine(summary.users))}`);
    console.log(`  ${terminalText(tallyLine(summary.numbers))}`);
    for (const a of items)
      console.log(
        `  ALERT ${terminalText(a.userId ?? a.number ?? "")}${a.displayName ? ` (${terminalText(a.displayName)})` : ""}: ${terminalText(a.title)} [${terminalText(a.finding.ruleId)}, ${a.finding.certainty}]\n    ${terminalText(a.explanation)}`,
      );
  }
  if (summary.status !== "completed") return 1;
  // A sync that stored (almost) nobody must not look like one that found nothing wrong.
  const failure = syncFailure(summary, tenant);
  if (failure) {
    console.error(`sync failed: ${failure}`);
    return 1;
  }
  return 0;
}
