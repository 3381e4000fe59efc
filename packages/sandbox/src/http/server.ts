import type { AddressInfo } from "node:net";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchemaCompiler,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodFastifySchemaValidationError,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";

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

/** A sandbox server: routes declare their params, query and body as zod schemas, and handlers get them typed. */
export type SandboxServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

const MAX_BODY_BYTES = 1_000_000;

/**
 * A Fastify instance as every sandbox server wants it: each route's zod schemas (fastify-type-provider-zod)
 * validate and type its params, query and body; errors (thrown `HttpError`s, refused request parts, Fastify's
 * own, and unknown paths) are rendered in the imitated service's format; 405 for a known path asked with
 * another method (Fastify alone would say 404).
 *
 * Bodies are read as text whatever their media type, because the imitated services decide themselves what a
 * body must be (8x8's API answers 415 only after its key and rate-limit checks, in `onRequest`); a route's
 * body schema reads that text as JSON when the body is validated, after the route's `preValidation` hooks (a
 * user the path names is looked up before its body is judged, as before). Missing or malformed JSON is a 400
 * naming `body`; past 1 MB, Fastify's 413.
 */
export function createServer(
  renderError: ErrorRenderer,
  /** What answers a path no route matches (the console's app shell); a 404 otherwise. */
  fallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply,
): SandboxServer {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Node's defaults would close keep-alive sockets the tests still hold; keep them predictable.
    keepAliveTimeout: 5_000,
    // `close()` drops requests deliberately left unanswered (the carrier's timeout fault).
    forceCloseConnections: true,
    routerOptions: {
      // Paths match by their segments, as the imitated services' routers do: `/api/sms/` is `/api/sms`.
      ignoreTrailingSlash: true,
      ignoreDuplicateSlashes: true,
      querystringParser: searchParamsObject,
    },
    // A path whose escapes don't decode names nothing here: 404, as for any unknown path.
    frameworkErrors: (error, request, reply) => {
      if (error.code === "FST_ERR_BAD_URL") return sendError(reply, renderError, notFound(request.url));
      return sendError(reply, renderError, asHttpError(error));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
  app.setValidatorCompiler(readingJsonBodies);
  // Handlers send their bodies already serialized (`sendJson`); a route with a response schema would use it.
  app.setSerializerCompiler(serializerCompiler);

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

/**
 * The type provider's validator; a body is first read as JSON from the text the catch-all parser kept. An
 * unreadable body is answered as the request's fault (an `HttpError` returned, never thrown: Fastify makes a
 * thrown validator error a 500).
 */
const readingJsonBodies: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== "body") return validate;
  return (data) => {
    const text = typeof data === "string" ? data : "";
    if (text.trim() === "")
      return { error: new HttpError(400, "invalid_body", "The request needs a JSON body.", "body") };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { error: new HttpError(400, "invalid_json", "The request body is not valid JSON.", "body") };
    }
    return validate(json);
  };
};

/**
 * Query parameters as URLSearchParams decodes them: one value as a string, a repeated one as an array of
 * its values. Query schemas say which parameters repeat (`searchParams`).
 */
function searchParamsObject(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/**
 * A querystring schema over a route's parameters: a parameter given twice counts once, by its last value,
 * except the `repeatable` ones, which are always arrays (one value or none included).
 */
export function searchParams<S extends z.ZodType>(schema: S, repeatable: readonly string[] = []) {
  return z.preprocess((query) => {
    if (typeof query !== "object" || query === null) return query;
    return Object.fromEntries(
      Object.entries(query).map(([key, value]) => {
        if (repeatable.includes(key)) return [key, Array.isArray(value) ? value : [value]];
        return [key, Array.isArray(value) ? value.at(-1) : value];
      }),
    );
  }, schema);
}

/** Listens on 127.0.0.1 (port 0 picks a free one). */
export async function listen(app: SandboxServer, port = 0, host = "127.0.0.1"): Promise<RunningServer> {
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  return { url: `http://${host}:${address.port}`, port: address.port, close: () => app.close() };
}

function notFound(url: string): HttpError {
  return new HttpError(404, "not_found", `Nothing at ${pathOf(url)}.`);
}

/** Every error a handler, a hook or a schema raises, as the `HttpError` the server's renderer spells. */
function asHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (hasZodFastifySchemaValidationErrors(error))
    return refusedPart(error.validation[0]!, (error as { validationContext?: string }).validationContext);
  const fastifyError = error as { code?: string; statusCode?: number; message?: string };
  if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return new HttpError(413, "body_too_large", "The request body is larger than 1 MB.");
  if (fastifyError.statusCode && fastifyError.statusCode < 500)
    return new HttpError(fastifyError.statusCode, "invalid_request", fastifyError.message ?? "Bad request.");
  console.error("[sandbox] unexpected error", error);
  return new HttpError(500, "internal", "The sandbox failed unexpectedly; see its log.");
}

/**
 * The one mapper from a request part a route's schema refused (the type provider's validation error) to the
 * 400 each server renders in its own format. The first issue's dotted path names the field
 * (`serviceInfo.extensions.0.primaryPhoneNumber`, `page[size]`, a path parameter's name); an unexpected key
 * is named by the key itself, not by the object that holds it; an issue about the part as a whole names the
 * part (`body`).
 */
function refusedPart(issue: ZodFastifySchemaValidationError, part = "body"): HttpError {
  // The type provider keeps the issue's code as `keyword`, its path as `instancePath` ("/" when empty).
  const path = issue.instancePath === "/" ? [] : issue.instancePath.slice(1).split("/");
  const keys =
    issue.keyword === "unrecognized_keys" ? ((issue.params as { keys?: string[] }).keys ?? []) : [];
  const field = [...path, ...keys.slice(0, 1)].join(".") || part;
  return new HttpError(400, "invalid_request", `${field}: ${issue.message}`, field);
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

/** The request's URL: its path, and its query as it was sent (for links that repeat it). */
export function requestUrl(request: FastifyRequest): URL {
  return new URL(request.url, "http://sandbox.invalid");
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
