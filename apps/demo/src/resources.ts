/**
 * Everything the demo starts, stopped in reverse order on the way out, whether the demo finished, failed or was
 * interrupted: Ctrl-C must leave no process, port, temporary folder or Redis key behind.
 */
export class Resources {
  readonly #stack: { name: string; stop: () => Promise<void> | void }[] = [];
  #closing: Promise<string[]> | undefined;

  /** Registers how to stop something that was just started. */
  add(name: string, stop: () => Promise<void> | void): void {
    if (this.#closing) {
      // Started while everything else is stopping (an interrupt raced a start): stop it at once.
      void Promise.resolve()
        .then(stop)
        .catch(() => {});
      return;
    }
    this.#stack.push({ name, stop });
  }

  get closing(): boolean {
    return this.#closing !== undefined;
  }

  /** Throws once stopping has begun: long loops call it so that an interrupt ends them at once. */
  throwIfClosing(): void {
    if (this.#closing) throw new InterruptedError();
  }

  /** Stops everything once (later calls wait for the first); returns what could not be stopped cleanly. */
  close(): Promise<string[]> {
    this.#closing ??= (async () => {
      const problems: string[] = [];
      while (this.#stack.length > 0) {
        const { name, stop } = this.#stack.pop()!;
        try {
          await stop();
        } catch (error) {
          problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return problems;
    })();
    return this.#closing;
  }
}

export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
    this.name = "InterruptedError";
  }
}

/** A stop function that does its work the first time and returns the same promise after. */
export function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= stop();
    return stopping;
  };
}
