import { randomUUID } from "node:crypto";
import type { Outcome, WorldError } from "../world/world-types.js";

/** 8x8's asynchronous write: a 202 with an operation to poll at `GET /operations/{id}`. */
export interface Operation {
  operationId: string;
  status: "PENDING" | "IN_PROGRESS" | "COMPLETED" | "FAILED";
  resourceType: "user";
  resourceId: string;
  createdTime: string;
  completedTime: string | null;
  error: WorldError | null;
}

export interface OperationTimings {
  /** Real ms from accepted to IN_PROGRESS, and from IN_PROGRESS to done. */
  startMs: number;
  finishMs: number;
}

/**
 * Runs writes the way the Administration API documents them: accepted at once, applied a little later,
 * at most `maxConcurrent` unfinished per key.
 */
export class OperationQueue {
  readonly #operations = new Map<string, Operation>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly timings: OperationTimings = { startMs: 100, finishMs: 200 },
    readonly maxConcurrent = 10,
  ) {}

  get(operationId: string): Operation | undefined {
    return this.#operations.get(operationId);
  }

  unfinished(): number {
    return [...this.#operations.values()].filter(
      (op) => op.status === "PENDING" || op.status === "IN_PROGRESS",
    ).length;
  }

  /** Accepts a write; `apply` runs when the operation is carried out. Undefined when too many are unfinished. */
  submit(resourceId: string, apply: () => Outcome<unknown>): Operation | undefined {
    if (this.unfinished() >= this.maxConcurrent) return undefined;
    const operation: Operation = {
      operationId: randomUUID(),
      status: "PENDING",
      resourceType: "user",
      resourceId,
      createdTime: new Date().toISOString(),
      completedTime: null,
      error: null,
    };
    this.#operations.set(operation.operationId, operation);
    this.#later(this.timings.startMs, () => {
      operation.status = "IN_PROGRESS";
      this.#later(this.timings.finishMs, () => {
        const outcome = apply();
        operation.status = outcome.ok ? "COMPLETED" : "FAILED";
        operation.error = outcome.ok ? null : outcome.error;
        operation.completedTime = new Date().toISOString();
      });
    });
    return operation;
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }
}
