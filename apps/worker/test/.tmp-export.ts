import { writeFileSync } from "node:fs";
import { startSandbox } from "@sms-doctor/sandbox";
const scenario = process.argv[2] ?? "license-without-sms";
const sb = await startSandbox({ scenario, adminRateLimit: { limit: 1000, windowMs: 1000 } });
const get = async (path: string) => {
  const all: unknown[] = [];
  let scroll: string | null = null;
  do {
    const r = await fetch(`${sb.adminApiUrl}${path}?pageSize=1000${scroll ? `&scrollId=${scroll}` : ""}`, { headers: { "x-api-key": sb.adminApiKey } });
    const body = (await r.json()) as any;
    all.push(...body.data);
    scroll = body.pagination.nextScrollId;
  } while (scroll);
  return all;
};
writeFileSync(process.argv[3] ?? "/tmp/aud/export.json", JSON.stringify({ users: await get("/users"), phoneNumbers: await get("/phone-numbers") }, null, 2));
await sb.close();
