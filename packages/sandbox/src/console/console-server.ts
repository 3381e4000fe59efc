import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { E164Schema } from "@sms-doctor/core";
import { z } from "zod";
import { listen, type RunningServer } from "../http/http-server.js";
import {
  HttpError,
  parseOr400,
  queryObject,
  type RequestContext,
  Router,
  readJson,
  sendJson,
} from "../http/router.js";
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

const ListQuerySchema = z
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
  .strict();

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

const EnableNumbersSchema = z.object({ numbers: z.array(E164Schema).min(1).max(500) }).strict();
const DeactivateSchema = z.object({ confirm: z.literal(true) }).strict();

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

/**
 * Serves the Admin Console replica: the SPA (any page path falls back to index.html) and the JSON API
 * under `/api` its pages fetch. Everything is addressed by relative URLs, so the same server works
 * behind Playwright's routing at https://admin.8x8.com.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningServer> {
  const { world } = options;
  const router = new Router((error) => ({
    error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
  }));
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
  const synced =
    (handler: (ctx: RequestContext) => Promise<void> | void) =>
    (ctx: RequestContext): Promise<void> | void => {
      world.sync();
      return handler(ctx);
    };

  router
    .on(
      "GET",
      "/api/session",
      synced(({ res }) => {
        const session: SessionView = {
          company: { name: world.company.name, country: world.company.country },
          scenario: options.scenarioName,
          renderDelayMs: options.renderDelayMs,
        };
        sendJson(res, 200, session);
      }),
    )
    .on(
      "GET",
      "/api/users",
      synced(({ url, res }) => {
        const query = parseOr400(ListQuerySchema, {
          ...queryObject(url),
          filter: url.searchParams.getAll("filter"),
        });
        const filters = query.filter.map((text) => {
          const [field, operator, ...value] = text.split(":");
          return { field, operator, value: value.join(":") } as UserListFilter;
        });
        sendJson(res, 200, userListView(world, { ...query, filters }));
      }),
    )
    .on(
      "GET",
      "/api/users/:id",
      synced(({ params, res }) => sendJson(res, 200, userProfileView(world, userOr404(params.id)))),
    )
    .on(
      "PATCH",
      "/api/users/:id",
      synced(async ({ req, params, res }) => {
        const user = userOr404(params.id);
        const patch = parseOr400(ProfilePatchSchema, await readJson(req));
        orRefuse(world.updateProfile(user.id, patch));
        sendJson(res, 200, userProfileView(world, user));
      }),
    )
    .on(
      "POST",
      "/api/users/:id/sms",
      synced(async ({ req, params, res }) => {
        const user = userOr404(params.id);
        const body = parseOr400(SmsSaveSchema, await readJson(req));
        // Switches turned off are saved before those turned on, as one Save in the console would.
        const ordered = [...body.changes].sort((a, b) => Number(a.enabled) - Number(b.enabled));
        for (const change of ordered) orRefuse(world.setSms(user.id, change.number, change.enabled));
        sendJson(res, 200, userProfileView(world, user));
      }),
    )
    .on(
      "GET",
      "/api/users/:id/suggested-extension",
      synced(({ params, res }) => {
        userOr404(params.id);
        const taken = new Set(world.users().map((u) => u.extensionNumber));
        let candidate = 1000;
        while (taken.has(String(candidate))) candidate++;
        sendJson(res, 200, { extensionNumber: String(candidate) });
      }),
    )
    .on(
      "GET",
      "/api/sms",
      synced(({ res }) => sendJson(res, 200, smsPageView(world))),
    )
    .on(
      "POST",
      "/api/sms/campaign",
      synced(async ({ req, res }) => {
        const body = parseOr400(CampaignSubmitSchema, await readJson(req));
        orRefuse(world.submitCampaign(body.fields as Record<(typeof CAMPAIGN_FIELD_NAMES)[number], string>));
        sendJson(res, 200, smsPageView(world));
      }),
    )
    .on(
      "POST",
      "/api/sms/numbers",
      synced(async ({ req, res }) => {
        const body = parseOr400(EnableNumbersSchema, await readJson(req));
        const results = world.enableNumbers(body.numbers);
        sendJson(res, 200, { results, page: smsPageView(world) });
      }),
    )
    .on(
      "DELETE",
      "/api/sms/numbers/:number",
      synced(({ params, res }) => {
        const number = parseOr400(E164Schema, params.number, "number");
        orRefuse(world.removeNumber(number));
        sendJson(res, 200, smsPageView(world));
      }),
    )
    .on(
      "POST",
      "/api/sms/campaign/deactivate",
      synced(async ({ req, res }) => {
        parseOr400(DeactivateSchema, await readJson(req));
        orRefuse(world.deactivateCampaign());
        sendJson(res, 200, smsPageView(world));
      }),
    );

  let indexHtml: string | undefined;
  const assetsDir = join(options.consoleDir, "assets");

  const fallback = async ({ req, res, url }: RequestContext): Promise<void> => {
    if (url.pathname.startsWith("/api/")) throw new HttpError(404, "not_found", `No API at ${url.pathname}.`);
    if (req.method !== "GET" && req.method !== "HEAD")
      throw new HttpError(405, "method_not_allowed", "Pages are GET only.");
    if (url.pathname.startsWith("/assets/")) {
      const file = normalize(join(options.consoleDir, url.pathname));
      if (!file.startsWith(assetsDir)) throw new HttpError(404, "not_found", "No such asset.");
      const body = await readFile(file).catch(() => undefined);
      if (!body) throw new HttpError(404, "not_found", "No such asset.");
      res.writeHead(200, {
        "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "public, max-age=31536000, immutable",
      });
      res.end(body);
      return;
    }
    // Client-side routes: every other path gets the app shell, which routes itself.
    indexHtml ??= loadIndexHtml(options);
    if (indexHtml === undefined) {
      // The APIs still work without the SPA build (the worker's tests need only the carrier).
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      res.end("The console replica is not built: run `pnpm --filter @sms-doctor/sandbox build`.");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(indexHtml);
  };

  return listen((req, res) => void router.handle(req, res, fallback), options.port ?? 0);
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
