import type { CarrierFaults } from "../scenario-schema.js";
import { seededRandom } from "./faults.js";

/** Mutable fault settings shared by the API handlers and the webhook dispatcher. */
export class FaultState {
  #faults: CarrierFaults;
  #random: () => number;
  readonly initial: CarrierFaults;

  constructor(initial: CarrierFaults) {
    this.initial = initial;
    this.#faults = initial;
    this.#random = seededRandom(initial.seed);
  }

  get current(): CarrierFaults {
    return this.#faults;
  }

  set(faults: CarrierFaults): void {
    this.#faults = faults;
    this.#random = seededRandom(faults.seed);
  }

  random(): number {
    return this.#random();
  }
}
