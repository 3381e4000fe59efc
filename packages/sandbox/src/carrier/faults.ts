import { z } from "zod";

const rate = z.number().min(0).max(1);

/**
 * Faults the carrier simulator injects into its provider API (never into `/_control`).
 * Rates are probabilities per request, drawn from a seeded generator so a run can be repeated.
 */
export const CarrierFaultsSchema = z
  .object({
    /** Probability of answering with this status instead of the real answer. */
    errorRates: z.object({ "429": rate, "500": rate, "503": rate }).partial().strict().default({}),
    /** Sent with every injected 429 and 503. */
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    /** Added before every answer. */
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** Probability of accepting a request and never answering it. */
    timeoutRate: rate.default(0),
    /** Probability of a 200 whose body is not valid JSON. */
    malformedRate: rate.default(0),
    /** Probability of replacing a status word with `unknownStatusWord`. */
    unknownStatusRate: rate.default(0),
    unknownStatusWord: z.string().min(1).max(64).default("CARRIER_REVIEW_HOLD"),
    /** Probability of answering with the number's previous state (older `updatedAt`). */
    staleRate: rate.default(0),
    webhooks: z
      .object({
        /** Probability of delivering an event a second time, with `meta.attempt` incremented. */
        duplicateRate: rate.default(0),
        /** Hold events for `reorderWindowMs` and deliver them newest first. */
        outOfOrder: z.boolean().default(false),
        reorderWindowMs: z.number().int().min(10).max(60_000).default(300),
      })
      .strict()
      .default({ duplicateRate: 0, outOfOrder: false, reorderWindowMs: 300 }),
    seed: z.number().int().default(1),
  })
  .strict();

export type CarrierFaults = z.infer<typeof CarrierFaultsSchema>;
export type CarrierFaultsInput = z.input<typeof CarrierFaultsSchema>;

export const NO_FAULTS: CarrierFaults = CarrierFaultsSchema.parse({});

/** A small deterministic generator (mulberry32): same seed, same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
