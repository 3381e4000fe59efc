/** Work due at a simulated instant. Ties run in the order they were scheduled. */
interface Due {
  at: number;
  seq: number;
  run: (at: number) => void;
}

/** A min-heap of simulated-time tasks: the carrier's pending reviews and assignments. */
export class Schedule {
  #heap: Due[] = [];
  #seq = 0;

  add(at: number, run: (at: number) => void): void {
    this.#heap.push({ at, seq: this.#seq++, run });
    this.#up(this.#heap.length - 1);
  }

  get nextAt(): number | undefined {
    return this.#heap[0]?.at;
  }

  get size(): number {
    return this.#heap.length;
  }

  /** Runs, in order, everything due at or before `now`, including work scheduled while running. */
  runUntil(now: number): void {
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now) {
      const due = this.#pop();
      due.run(due.at);
    }
  }

  #pop(): Due {
    const top = this.#heap[0]!;
    const last = this.#heap.pop()!;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#down(0);
    }
    return top;
  }

  #before(a: Due, b: Due): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #up(i: number): void {
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #down(i: number): void {
    const heap = this.#heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.#before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.#before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
