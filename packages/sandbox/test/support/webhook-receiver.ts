import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: {
    data: { id: string; event_type: string; occurred_at: string; payload: Record<string, unknown> };
    meta: { attempt: number; delivered_to: string };
  };
}

/** A real HTTP receiver on a free port; `answer` decides the status for each delivery. */
export async function startWebhookReceiver(
  answer: (hook: ReceivedWebhook, index: number) => number = () => 200,
) {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const hook = { headers: req.headers, body, json: JSON.parse(body) };
      received.push(hook);
      res.writeHead(answer(hook, received.length - 1)).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/telnyx`,
    received,
    /** Resolves once `predicate` holds for what was received (checked on each delivery). */
    async until(
      predicate: (hooks: ReceivedWebhook[]) => boolean,
      timeoutMs = 10_000,
    ): Promise<ReceivedWebhook[]> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`webhooks not received in time; got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
