#!/usr/bin/env node
import { parseArgs } from "node:util";
import { DEFAULTS, type Sandbox, startSandbox } from "./sandbox.js";
import { listScenarios } from "./scenarios.js";

const USAGE = `Usage: pnpm --filter @sms-doctor/sandbox start -- [options]

  --scenario <name|all>   a scenario (default healthy-company), or all of them, each on its own ports
  --speed <n>             simulated seconds per real second (default 3600: an hour of carrier review per second)
  --port <n>              first port (default 4010; 0 picks free ports). Scenario i uses n+3i, n+3i+1, n+3i+2
  --render-delay-ms <n>   console pages render their sections this long after their data arrives (default 150)
  --webhook-url <url>     where the carrier simulator POSTs signed 10dlc.* webhooks
  --webhook-secret <s>    HMAC secret for those webhooks (default ${DEFAULTS.carrierWebhookSecret})
  --list                  print the scenario names and exit`;

async function main(): Promise<void> {
  // pnpm passes a literal "--" through to the script; it is not an option.
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: "string", default: DEFAULTS.scenario },
      speed: { type: "string", default: "3600" },
      port: { type: "string", default: "4010" },
      "render-delay-ms": { type: "string", default: String(DEFAULTS.renderDelayMs) },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (values.list) return console.log(listScenarios().join("\n"));

  const speed = number("--speed", values.speed);
  const port = number("--port", values.port);
  const renderDelayMs = number("--render-delay-ms", values["render-delay-ms"]);
  const names = values.scenario === "all" ? listScenarios() : [values.scenario];
  const sandboxes: Sandbox[] = [];
  const close = async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
    process.exit(0);
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);

  for (const [i, scenario] of names.entries()) {
    const sandbox = await startSandbox({
      scenario,
      speed,
      renderDelayMs,
      port: port === 0 ? 0 : port + i * 3,
      ...(values["webhook-url"] ? { carrierWebhookUrl: values["webhook-url"] } : {}),
      ...(values["webhook-secret"] ? { carrierWebhookSecret: values["webhook-secret"] } : {}),
    });
    sandboxes.push(sandbox);
    console.log(
      [
        `● ${scenario} — ${sandbox.scenario.description}`,
        `    Admin Console replica   ${sandbox.consoleUrl}/users   ${sandbox.consoleUrl}/sms`,
        `    Administration API      ${sandbox.adminApiUrl}/users   (x-api-key: ${sandbox.adminApiKey})`,
        `    Carrier (Telnyx) API    ${sandbox.carrierUrl}/v2/10dlc/phone_number_campaigns/{phoneNumber}   (Authorization: Bearer ${sandbox.carrierApiKey})`,
        `    Carrier control         ${sandbox.carrierUrl}/_control/clock   /_control/faults   /_control/numbers`,
      ].join("\n"),
    );
  }
  console.log(
    `\nSimulated clock at ${speed}× real time${values["webhook-url"] ? `; webhooks to ${values["webhook-url"]}` : ""}. Ctrl+C stops everything.`,
  );
}

function number(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    console.error(`${flag} needs a number ≥ 0, got "${value}"\n\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
