import type { FastifyReply } from "fastify";
import {
  MAX_OBSERVATIONS_IN_FLIGHT_PER_TENANT,
  MAX_OBSERVATIONS_WAITING_PER_TENANT,
  QuotaExceededError,
} from "./api-limits.js";

/**
 * Observations read at once, per tenant (bounded memory per tenant; see MAX_OBSERVATIONS_IN_FLIGHT_PER_TENANT).
 * An entry lives while its tenant has observations running or waiting: at most one per configured tenant.
 */
export class ObservationTurns {
  readonly #tenants = new Map<string, { running: number; waiting: (() => void)[] }>();

  /**
   * Resolves when the request may be read; throws a quota error when too many wait already. Whatever ends
   * the request (an answer, an error, a client gone, even while still waiting) settles its turn exactly
   * once: a running one hands it on, a waiting one leaves the queue.
   */
  async take(tenant: string, reply: FastifyReply): Promise<void> {
    const observing = this.#tenants;
    const slots = observing.get(tenant) ?? { running: 0, waiting: [] };
    observing.set(tenant, slots);
    let running = false;
    const grant = () => {
      running = true;
    };
    const forgetIfIdle = () => {
      if (slots.running === 0 && slots.waiting.length === 0 && observing.get(tenant) === slots)
        observing.delete(tenant);
    };
    reply.raw.once("close", () => {
      if (!running) {
        const waiting = slots.waiting.indexOf(turn);
        if (waiting >= 0) slots.waiting.splice(waiting, 1);
      } else {
        const next = slots.waiting.shift();
        if (next) return next();
        slots.running--;
      }
      forgetIfIdle();
    });
    let turn: () => void = grant;
    if (slots.running < MAX_OBSERVATIONS_IN_FLIGHT_PER_TENANT) {
      slots.running++;
      running = true;
      return;
    }
    if (slots.waiting.length >= MAX_OBSERVATIONS_WAITING_PER_TENANT)
      throw new QuotaExceededError("observations-in-flight", MAX_OBSERVATIONS_WAITING_PER_TENANT);
    await new Promise<void>((resolve) => {
      turn = () => {
        grant();
        resolve();
      };
      slots.waiting.push(turn);
    });
  }
}
