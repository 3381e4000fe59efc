import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaCompiler,
} from "fastify";
import { hasZodFastifySchemaValidationErrors, validatorCompiler } from "fastify-type-provider-zod";
import type { z } from "zod";
import { isRedisUnavailable } from "../redis/connections.js";
import { DEFAULT_BODY_BYTES, type LimitName, MAX_PARAM_LENGTH, QuotaExceededError } from "./api-limits.js";

/*
 * Every error body the status API answers, `{ error: { code, message, field?, limit? } }`, is made here:
 * the request parts refused by their zod schemas (through the type provider's validator), quotas, rate
 * limits, Fastify's own refusals and Redis outages.
 */

/** A request error with the offending field, answered as 4xx with `{ error: { code, message, field, limit } }`. */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly limit?: LimitName,
  ) {
    super(message);
  }
}

/** A quota reached: 413 for a size, 429 for a count; the body names the limit (and the field, for sizes). */
export function quotaError(error: QuotaExceededError, field?: string): RequestError {
  const size = error.limit.endsWith("-bytes");
  return new RequestError(size ? 413 : 429, error.code, error.message, field, error.limit);
}

/** The one zod issue → 400 rule: the dotted path names the field (an unknown key names itself), else `where`. */
function invalidRequest(
  issue: { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] },
  where: string,
): RequestError {
  const path = issue.path.map(String).join(".");
  const unknownKeys = issue.code === "unrecognized_keys" ? (issue.keys ?? []) : undefined;
  const field = path || (unknownKeys ? unknownKeys.join(",") : where);
  const message = unknownKeys ? `unknown field(s): ${unknownKeys.join(", ")}` : issue.message;
  return new RequestError(400, "invalid-request", `${field}: ${message}`, field);
}

/**
 * Parses a request part a route cannot leave to its schema (a webhook's body is read only once its
 * signature verifies). Throws the 400 the schema's validator would.
 */
export function parseRequestPart<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw invalidRequest(result.error.issues[0]!, where);
}

/**
 * The type provider's zod validator, given `{}` for an absent part (a POST without a body, a GET without a
 * query) so the first missing field is named rather than the part as a whole, as the API always did.
 */
export const requestValidator: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route) as (data: unknown) => unknown;
  return (data) => validate(data ?? {}) as ReturnType<ReturnType<FastifySchemaCompiler<z.ZodType>>>;
};

/** Where a refused part is named when its issue has no path (the part itself). */
const PART_NAMES: Record<string, string> = {
  body: "body",
  querystring: "query",
  params: "path",
  headers: "headers",
};

/** Fastify's own refusals before routing (a malformed or over-long path), in our error shape too. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
  void reply.code(tooLong ? 414 : 400).send({
    error: {
      code: "invalid-request",
      message: tooLong
        ? `path: a path parameter is longer than ${MAX_PARAM_LENGTH} characters`
        : "path: not a valid URL path",
      field: "path",
    },
  });
}

/** The API's error and not-found handlers. */
export function handleErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const [first] = error.validation;
      const where = PART_NAMES[(error as { validationContext?: string }).validationContext ?? ""] ?? "body";
      const path = first!.instancePath.split("/").slice(1);
      error = invalidRequest(
        {
          code: first!.keyword,
          path: path.length === 1 && path[0] === "" ? [] : path,
          message: first!.message ?? "invalid",
          keys: (first!.params as { keys?: string[] }).keys ?? [],
        },
        where,
      );
    }
    if (error instanceof QuotaExceededError) error = quotaError(error);
    if (error instanceof RequestError) {
      return reply.code(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error.limit ? { limit: error.limit } : {}),
        },
      });
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      const max = request.routeOptions.bodyLimit ?? DEFAULT_BODY_BYTES;
      return reply.code(413).send({
        error: {
          code: "quota-exceeded",
          message: `the request body is too large: the limit of ${request.routeOptions.url ?? "this route"} is ${max} bytes (body-bytes)`,
          field: "body",
          limit: "body-bytes",
        },
      });
    }
    if (isRedisUnavailable(error)) {
      request.log.warn({ err: error }, "redis unavailable");
      return reply
        .code(503)
        .header("retry-after", "1")
        .send({
          error: {
            code: "redis-unavailable",
            message: "the tracking store is unavailable; try again shortly",
          },
        });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own: malformed JSON, wrong content type, body too large, rate limited.
      return reply.code(status).send({
        error: {
          code: error.code ?? "invalid-request",
          message: error.message,
          ...(status === 400 ? { field: "body" } : {}),
        },
      });
    }
    request.log.error({ err: error }, "unexpected error");
    return reply.code(500).send({ error: { code: "internal", message: "unexpected error" } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: "not-found", message: `no route ${request.method} ${request.url.split("?")[0]}` },
    }),
  );
}
