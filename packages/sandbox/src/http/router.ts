import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

/** An answer other than success, thrown from a handler; the server's error format renders it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** How a server spells its errors (the console and 8x8's API one way, Telnyx another). */
export type ErrorRenderer = (error: HttpError) => unknown;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** A small router: `/users/:id` patterns, 404 for unknown paths, 405 for a known path with another method. */
export class Router {
  readonly #routes: Route[] = [];
  readonly #renderError: ErrorRenderer;

  constructor(renderError: ErrorRenderer) {
    this.#renderError = renderError;
  }

  on(method: string, pattern: string, handler: Handler): this {
    this.#routes.push({ method, segments: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  /** Finds the route; `undefined` when no pattern matches the path at all. */
  match(
    method: string,
    pathname: string,
  ): { handler: Handler; params: Record<string, string> } | "wrong-method" | undefined {
    const parts = pathname.split("/").filter(Boolean);
    let pathKnown = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathKnown = true;
      if (route.method === method || (method === "HEAD" && route.method === "GET"))
        return { handler: route.handler, params };
    }
    return pathKnown ? "wrong-method" : undefined;
  }

  /** Runs the matching route; renders thrown `HttpError`s; anything else is a bug and answers 500. */
  async handle(req: IncomingMessage, res: ServerResponse, fallback?: Handler): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://sandbox.invalid");
    } catch {
      return this.sendError(res, new HttpError(400, "invalid_url", "The request URL cannot be parsed."));
    }
    try {
      const found = this.match(req.method ?? "GET", url.pathname);
      if (found === "wrong-method")
        throw new HttpError(405, "method_not_allowed", `${req.method} is not allowed on ${url.pathname}.`);
      if (found) return await found.handler({ req, res, url, params: found.params });
      if (fallback) return await fallback({ req, res, url, params: {} });
      throw new HttpError(404, "not_found", `Nothing at ${url.pathname}.`);
    } catch (error) {
      if (error instanceof HttpError) return this.sendError(res, error);
      console.error("[sandbox] unexpected error", error);
      return this.sendError(
        res,
        new HttpError(500, "internal", "The sandbox failed unexpectedly; see its log."),
      );
    }
  }

  sendError(res: ServerResponse, error: HttpError): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    sendJson(res, error.status, this.#renderError(error), error.headers);
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = parts[i]!;
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) return undefined;
  }
  return params;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = "application/json",
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": `${contentType}; charset=utf-8`,
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

const MAX_BODY_BYTES = 1_000_000;

/** Reads a JSON body; 400 when it is not JSON, 413 when it is too large. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, "body_too_large", "The request body is larger than 1 MB.");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new HttpError(400, "invalid_body", "The request needs a JSON body.", "body");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.", "body");
  }
}

/** Parses with a zod schema; a failure becomes a 400 naming the first offending field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // An unexpected key is named by the key itself, not by the object that holds it.
  const path = [
    ...issue.path.map(String),
    ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : []),
  ];
  const field = [prefix, ...path].filter(Boolean).join(".") || prefix || "body";
  throw new HttpError(400, "invalid_request", `${field}: ${issue.message}`, field);
}

/** Query parameters as a plain object (last value wins), for zod. */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
