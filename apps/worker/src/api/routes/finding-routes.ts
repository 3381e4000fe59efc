import type { FindingAlert, FindingsQuery } from "@sms-doctor/contracts";
import { FindingsQuerySchema } from "@sms-doctor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export interface FindingRoutesOptions {
  /** A page of the tenant's alerts (`listFindingAlerts` over the API's Redis). */
  listFindings(tenant: string, query: FindingsQuery): Promise<{ items: FindingAlert[]; nextCursor?: string }>;
}

/** The alerts the directory sync raised (under the tenant scope). */
export const findingRoutes: FastifyPluginAsyncZod<FindingRoutesOptions> = async (app, { listFindings }) => {
  app.get(
    "/v1/findings",
    {
      schema: {
        tags: ["diagnosis"],
        summary: "New findings the directory sync raised (alerts), oldest first, paginated",
        querystring: FindingsQuerySchema,
      },
    },
    async (request) => await listFindings(request.tenant!, request.query),
  );
};
