import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** One scripted answer of the fake carrier. */
export interface CarrierAnswer {
  status?: number;
  body?: unknown;
  /** Sent as is (a malformed body). */
  rawBody?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer (a timeout). */
  hang?: boolean;
}

export type CarrierScript = (request: { number: string; asked: number; path: string }) => CarrierAnswer;

/**
 * A real HTTP server speaking the documented Telnyx 10DLC shape, scripted per test: what the worker's
 * adapter talks to before (and besides) the sandbox's simulator. It records how often each number was
 * asked and the most requests for one number it ever saw at once.
 */
export class FakeCarrier {
  readonly asked = new Map<string, number>();
  readonly inFlight = new Map<string, number>();
  maxConcurrentPerNumber = 0;
  requests = 0;
  /** Authorization headers received, in order. */
  readonly authorizations: (string | undefined)[] = [];
  /** When each request arrived (ms). */
  readonly arrivals: number[] = [];
  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();

  private constructor(public script: CarrierScript) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(script: CarrierScript): Promise<FakeCarrier> {
    const carrier = new FakeCarrier(script);
    await new Promise<void>((resolve) => carrier.#server.listen(0, "127.0.0.1", resolve));
    return carrier;
  }

  get baseUrl(): string {
    const address = this.#server.address();
    return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/v2`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "";
    const match = /^\/v2\/10dlc\/phone_number_campaigns\/([^/?]+)/.exec(path);
    const number = match ? decodeURIComponent(match[1]!) : path;
    this.requests++;
    this.authorizations.push(req.headers.authorization);
    this.arrivals.push(Date.now());
    const asked = (this.asked.get(number) ?? 0) + 1;
    this.asked.set(number, asked);
    const inFlight = (this.inFlight.get(number) ?? 0) + 1;
    this.inFlight.set(number, inFlight);
    this.maxConcurrentPerNumber = Math.max(this.maxConcurrentPerNumber, inFlight);
    try {
      const answer = this.script({ number, asked, path });
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (answer.hang) {
        this.#hanging.add(res);
        res.on("close", () => this.#hanging.delete(res));
        return;
      }
      res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
      res.end(answer.rawBody ?? (answer.body === undefined ? "" : JSON.stringify(answer.body)));
    } finally {
      this.inFlight.set(number, (this.inFlight.get(number) ?? 1) - 1);
    }
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

/** A Telnyx phone number campaign body. */
export function assignment(number: string, assignmentStatus: string, updatedAt?: string) {
  return { phoneNumber: number, campaignId: null, assignmentStatus, ...(updatedAt ? { updatedAt } : {}) };
}
