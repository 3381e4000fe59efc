import { randomUUID } from "node:crypto";
import type { AdminApiErrorBody, AdminApiOperation } from "@sms-doctor/core";

/**
 * 8x8's asynchronous write (suite-common.mdx "Asynchronous Operations"; `Operation` in
 * user-api-v1.yaml / operation-api-v1.yaml): a 202 with an operation to poll at
 * `GET /operations/{operationId}`, PENDING → IN_PROGRESS → COMPLETED or FAILED with an `error`.
 */
export type Operation = AdminApiOperation & { operationId: string; status: string };

export interface OperationTimings {
  /** Real ms from accepted to IN_PROGRESS, and from IN_PROGRESS to done. */
  startMs: number;
  finishMs: number;
}

export interface OperationRequest {
  operationType: "CREATE" | "UPDATE" | "DELETE";
  /** Known at once for UPDATE and DELETE; a CREATE learns it when it completes, as 8x8's does. */
  resourceId: string | null;
  /** Carries the write out: the created or changed user's id, or the refusal as an `ErrorResponse`. */
  apply: () => { ok: true; value: string } | { ok: false; error: AdminApiErrorBody };
}

/**
 * Runs writes the way the Administration API documents them: accepted at once, applied a little later,
 * at most `maxConcurrent` unfinished per key.
 */
export class OperationQueue {
  readonly #operations = new Map<string, Operation>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    /** The API's base path, for the operation's `_links`. */
    private readonly basePath: string,
    private readonly customerId: string,
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
  submit(request: OperationRequest): Operation | undefined {
    if (this.unfinished() >= this.maxConcurrent) return undefined;
    const operationId = `op_${randomUUID().replace(/-/g, "")}`;
    const operation: Operation = {
      operationId,
      status: "PENDING",
      customerId: this.customerId,
      resourceType: "USER",
      ...(request.resourceId ? { resourceId: request.resourceId } : {}),
      operationType: request.operationType,
      createdTime: new Date().toISOString(),
      _links: { self: { href: `${this.basePath}/operations/${operationId}` } },
    };
    this.#operations.set(operationId, operation);
    this.#later(this.timings.startMs, () => {
      operation.status = "IN_PROGRESS";
      this.#later(this.timings.finishMs, () => {
        const outcome = request.apply();
        operation.completedTime = new Date().toISOString();
        if (!outcome.ok) {
          operation.status = "FAILED";
          operation.error = outcome.error;
          return;
        }
        operation.status = "COMPLETED";
        operation.resourceId = outcome.value;
        if (request.operationType !== "DELETE")
          operation._links = {
            ...operation._links,
            resource: { href: `${this.basePath}/users/${outcome.value}` },
          };
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
