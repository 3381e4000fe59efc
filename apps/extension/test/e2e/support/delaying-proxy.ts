/**
 * A slow network in front of the real worker: forwards every request to it, holding the observation's answer
 * back for `delayMs`, so a test sees what the panel does while the worker is slow.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function delayingProxy(target: string, delayMs: number) {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
    const upstream = await fetch(new URL(request.url ?? "/", target), {
      method: request.method ?? "GET",
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (request.method === "POST" && request.url === "/v1/observations")
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    const passed: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== "content-encoding" && name !== "content-length" && name !== "transfer-encoding")
        passed[name] = value;
    });
    response.writeHead(upstream.status, passed).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
