import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { z } from "zod";

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  /** Stops listening and drops every open connection, including requests deliberately left unanswered. */
  close(): Promise<void>;
}

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

const MAX_BODY_BYTES = 1_000_000;

/**
 * A Fastify instance as every sandbox server wants it: errors (thrown `HttpError`s, Fastify's own, and
 * unknown paths) rendered in the imitated service's format; 405 for a known path asked with another
 * method (Fastify alone would say 404); bodies kept as text whatever their media type, because the
 * imitated services decide themselves what a body must be (8x8's API answers 415 only after its key
 * and rate-limit checks), read with `jsonBody`.
 */
export function createServer(
  renderError: ErrorRenderer,
  /** What answers a path no route matches (the console's app shell); a 404 otherwise. */
  fallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply,
): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Node's defaults would close keep-alive sockets the tests still hold; keep them predictable.
    keepAliveTimeout: 5_000,
    // `close()` drops requests deliberately left unanswered (the carrier's timeout fault).
    forceCloseConnections: true,
    // Paths match by their segments, as the imitated services' routers do: `/api/sms/` is `/api/sms`.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // A path whose escapes don't decode names nothing here: 404, as for any unknown path.
    frameworkErrors: (error, request, reply) => {
      if (error.code === "FST_ERR_BAD_URL") return sendError(reply, renderError, notFound(request.url));
      return sendError(reply, renderError, asHttpError(error));
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error, _request, reply) => sendError(reply, renderError, asHttpError(error)));
  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    const elsewhere = ["GET", "POST", "PUT", "PATCH", "DELETE"].some(
      (method) => method !== request.method && app.findRoute({ method: method as "GET", url: path }),
    );
    if (elsewhere)
      return sendError(
        reply,
        renderError,
        new HttpError(405, "method_not_allowed", `${request.method} is not allowed on ${path}.`),
      );
    if (fallback) return fallback(request, reply);
    return sendError(reply, renderError, notFound(path));
  });
  return app;
}

/** Listens on 127.0.0.1 (port 0 picks a free one). */
export async function listen(app: FastifyInstance, port = 0, host = "127.0.0.1"): Promise<RunningServer> {
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  return { url: `http://${host}:${address.port}`, port: address.port, close: () => app.close() };
}

function notFound(url: string): HttpError {
  return new HttpError(404, "not_found", `Nothing at ${pathOf(url)}.`);
}

function asHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const fastifyError = error as { code?: string; statusCode?: number; message?: string };
  if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return new HttpError(413, "body_too_large", "The request body is larger than 1 MB.");
  if (fastifyError.statusCode && fastifyError.statusCode < 500)
    return new HttpError(fastifyError.statusCode, "invalid_request", fastifyError.message ?? "Bad request.");
  console.error("[sandbox] unexpected error", error);
  return new HttpError(500, "internal", "The sandbox failed unexpectedly; see its log.");
}

function sendError(reply: FastifyReply, renderError: ErrorRenderer, error: HttpError): FastifyReply {
  return sendJson(reply, error.status, renderError(error), error.headers);
}

export function sendJson(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = "application/json",
): FastifyReply {
  return reply
    .code(status)
    .headers({ "content-type": `${contentType}; charset=utf-8`, "cache-control": "no-store", ...headers })
    .send(JSON.stringify(body));
}

/** The request body as JSON; 400 when it is missing or not JSON (413 past 1 MB comes from Fastify). */
export function jsonBody(request: FastifyRequest): unknown {
  const text = typeof request.body === "string" ? request.body : "";
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

/** The request's URL, for its search parameters (repeated ones kept: `getAll`). */
export function requestUrl(request: FastifyRequest): URL {
  return new URL(request.url, "http://sandbox.invalid");
}

/** Query parameters as a plain object (last value wins), for zod. */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** Path parameters by name (Fastify has decoded them). */
export function paramsOf(request: FastifyRequest): Record<string, string> {
  return request.params as Record<string, string>;
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
