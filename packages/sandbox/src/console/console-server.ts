import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import { E164Schema } from "@sms-doctor/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createServer,
  HttpError,
  listen,
  type RunningServer,
  requestUrl,
  searchParams,
  sendJson,
} from "../http/server.js";
import { CAMPAIGN_FIELD_NAMES } from "../scenario-schema.js";
import type { World } from "../world/world.js";
import type { Outcome } from "../world/world-types.js";
import type { SessionView, UserListFilter } from "./console-views.js";
import { smsPageView, userListView, userProfileView } from "./console-views-builder.js";

export interface ConsoleServerOptions {
  world: World;
  scenarioName: string;
  renderDelayMs: number;
  /** The Vite build of `console-app/` (holds index.html and assets/). */
  consoleDir: string;
  port?: number;
}

const ListQuerySchema = searchParams(
  z
    .object({
      search: z.string().max(200).optional(),
      /** Repeatable: `field:operator:value`, e.g. `license:isNot:X Series - X4`. */
      filter: z
        .array(
          z
            .string()
            .max(200)
            .regex(
              /^(license|status|site):(is|isNot):.+$/,
              "expected field:operator:value, e.g. status:is:Active",
            ),
        )
        .max(10)
        .default([]),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    })
    .strict(),
  ["filter"],
);

const text = z.string().max(200);
const ProfilePatchSchema = z
  .object({
    firstName: text.min(1),
    lastName: text.min(1),
    email: z.email(),
    username: text.min(1),
    site: text,
    language: text,
    timeZone: text,
    jobTitle: text,
    department: text,
    personalContactNumber: text,
    extensionNumber: z.string().regex(/^\d{2,8}$/, "2 to 8 digits"),
    phoneNumber: E164Schema.nullable(),
    licenseName: text.nullable(),
  })
  .partial()
  .strict();

const SmsSaveSchema = z
  .object({
    changes: z
      .array(z.object({ number: E164Schema, enabled: z.boolean() }).strict())
      .min(1)
      .max(10),
  })
  .strict();

const CampaignSubmitSchema = z
  .object({
    fields: z
      .object(Object.fromEntries(CAMPAIGN_FIELD_NAMES.map((n) => [n, z.string().max(2_000)])))
      .strict(),
  })
  .strict();

const UserParamsSchema = z.object({ id: z.string() });
const NumberParamsSchema = z.object({ number: E164Schema });
const EnableNumbersSchema = z.object({ numbers: z.array(E164Schema).min(1).max(500) }).strict();
const DeactivateSchema = z.object({ confirm: z.literal(true) }).strict();

/**
 * Serves the Admin Console replica: the SPA (any page path falls back to index.html) and the JSON API
 * under `/api` its pages fetch. Everything is addressed by relative URLs, so the same server works
 * behind Playwright's routing at https://admin.8x8.com.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningServer> {
  const { world } = options;
  const userOr404 = (id: string | undefined) => {
    const user = world.user(id ?? "");
    if (!user) throw new HttpError(404, "user_not_found", `There is no user with id "${id}".`, "userId");
    return user;
  };
  /** A refusal by the world's rules: the request was well formed but 8x8 would not do it. */
  const orRefuse = <T>(outcome: Outcome<T>): T => {
    if (outcome.ok) return outcome.value;
    const status = outcome.error.code.endsWith("not_found") ? 404 : 422;
    throw new HttpError(status, outcome.error.code, outcome.error.message, outcome.error.field);
  };

  let indexHtml: string | undefined;
  /** What is not an API route: an unknown API, a missing asset, or a client-side route (the app shell). */
  const fallback = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const { pathname } = requestUrl(request);
    if (pathname.startsWith("/api/")) throw new HttpError(404, "not_found", `No API at ${pathname}.`);
    if (request.method !== "GET" && request.method !== "HEAD")
      throw new HttpError(405, "method_not_allowed", "Pages are GET only.");
    if (pathname.startsWith("/assets/")) throw new HttpError(404, "not_found", "No such asset.");
    // Client-side routes: every other path gets the app shell, which routes itself.
    indexHtml ??= loadIndexHtml(options);
    if (indexHtml === undefined)
      // The APIs still work without the SPA build (the worker's tests need only the carrier).
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The console replica is not built: run `pnpm --filter @sms-doctor/sandbox build`.");
    return reply
      .code(200)
      .headers({ "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
      .send(indexHtml);
  };

  const app = createServer(
    (error) => ({
      error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
    }),
    fallback,
  );
  // The Vite build's hashed assets, cached for good.
  await app.register(fastifyStatic, {
    root: join(options.consoleDir, "assets"),
    prefix: "/assets/",
    immutable: true,
    maxAge: "365d",
    decorateReply: false,
  });

  // The user a path names is looked up before its body is judged: an unknown user is a 404 whatever the body.
  const knownUser = async (request: FastifyRequest) => {
    userOr404((request.params as { id?: string }).id);
  };
  const api: FastifyPluginAsyncZod = async (api) => {
    // Every API request first brings the world up to its clock's now (pages and assets don't need it).
    api.addHook("onRequest", async () => world.sync());
    api.get("/api/session", (_request, reply) => {
      const session: SessionView = {
        company: { name: world.company.name, country: world.company.country },
        scenario: options.scenarioName,
        renderDelayMs: options.renderDelayMs,
      };
      return sendJson(reply, 200, session);
    });
    api.get("/api/users", { schema: { querystring: ListQuerySchema } }, (request, reply) => {
      const { query } = request;
      const filters = query.filter.map((text) => {
        const [field, operator, ...value] = text.split(":");
        return { field, operator, value: value.join(":") } as UserListFilter;
      });
      return sendJson(reply, 200, userListView(world, { ...query, filters }));
    });
    api.get("/api/users/:id", { schema: { params: UserParamsSchema } }, (request, reply) =>
      sendJson(reply, 200, userProfileView(world, userOr404(request.params.id))),
    );
    api.patch(
      "/api/users/:id",
      { preValidation: knownUser, schema: { params: UserParamsSchema, body: ProfilePatchSchema } },
      (request, reply) => {
        const user = userOr404(request.params.id);
        orRefuse(world.updateProfile(user.id, request.body));
        return sendJson(reply, 200, userProfileView(world, user));
      },
    );
    api.post(
      "/api/users/:id/sms",
      { preValidation: knownUser, schema: { params: UserParamsSchema, body: SmsSaveSchema } },
      (request, reply) => {
        const user = userOr404(request.params.id);
        // Switches turned off are saved before those turned on, as one Save in the console would.
        const ordered = [...request.body.changes].sort((a, b) => Number(a.enabled) - Number(b.enabled));
        for (const change of ordered) orRefuse(world.setSms(user.id, change.number, change.enabled));
        return sendJson(reply, 200, userProfileView(world, user));
      },
    );
    api.get(
      "/api/users/:id/suggested-extension",
      { schema: { params: UserParamsSchema } },
      (request, reply) => {
        userOr404(request.params.id);
        const taken = new Set(world.users().map((u) => u.extensionNumber));
        let candidate = 1000;
        while (taken.has(String(candidate))) candidate++;
        return sendJson(reply, 200, { extensionNumber: String(candidate) });
      },
    );
    api.get("/api/sms", (_request, reply) => sendJson(reply, 200, smsPageView(world)));
    api.post("/api/sms/campaign", { schema: { body: CampaignSubmitSchema } }, (request, reply) => {
      orRefuse(
        world.submitCampaign(request.body.fields as Record<(typeof CAMPAIGN_FIELD_NAMES)[number], string>),
      );
      return sendJson(reply, 200, smsPageView(world));
    });
    api.post("/api/sms/numbers", { schema: { body: EnableNumbersSchema } }, (request, reply) => {
      const results = world.enableNumbers(request.body.numbers);
      return sendJson(reply, 200, { results, page: smsPageView(world) });
    });
    api.delete("/api/sms/numbers/:number", { schema: { params: NumberParamsSchema } }, (request, reply) => {
      orRefuse(world.removeNumber(request.params.number));
      return sendJson(reply, 200, smsPageView(world));
    });
    api.post("/api/sms/campaign/deactivate", { schema: { body: DeactivateSchema } }, (_request, reply) => {
      orRefuse(world.deactivateCampaign());
      return sendJson(reply, 200, smsPageView(world));
    });
  };
  await app.register(api);

  return listen(app, options.port ?? 0);
}

/** index.html with the server's settings as meta tags (read by the app at start); undefined if not built. */
function loadIndexHtml({
  consoleDir,
  renderDelayMs,
  scenarioName,
}: ConsoleServerOptions): string | undefined {
  const file = join(consoleDir, "index.html");
  if (!existsSync(file)) return undefined;
  const meta =
    `<meta name="sandbox-render-delay" content="${renderDelayMs}">` +
    `<meta name="sandbox-scenario" content="${scenarioName.replace(/[^a-z0-9-]/g, "")}">`;
  return readFileSync(file, "utf8").replace("</head>", `${meta}</head>`);
}
