import type { Sandbox } from "@sms-doctor/sandbox";

/** Everything the sandbox's Administration API lists, paged as a client must page it. */
async function listAll(sandbox: Sandbox, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let scrollId: string | null | undefined;
  do {
    const url = new URL(`${sandbox.adminApiUrl}${path}`);
    // A scroll page sends its scrollId alone: the API refuses first-page parameters beside it.
    if (scrollId) url.searchParams.set("scrollId", scrollId);
    else url.searchParams.set("pageSize", "1000");
    const response = await fetch(url, { headers: { "x-api-key": sandbox.adminApiKey } });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const page = (await response.json()) as { data: unknown[]; pagination: { nextScrollId: string | null } };
    items.push(...page.data);
    scrollId = page.pagination.nextScrollId;
  } while (scrollId);
  return items;
}

/** The sandbox company as an administrator would export it: `{ users, phoneNumbers }`. */
export async function exportCompany(sandbox: Sandbox): Promise<string> {
  const [users, phoneNumbers] = [await listAll(sandbox, "/users"), await listAll(sandbox, "/phone-numbers")];
  return JSON.stringify({ users, phoneNumbers }, null, 2);
}
