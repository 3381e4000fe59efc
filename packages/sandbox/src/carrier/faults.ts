import { type CarrierFaults, CarrierFaultsSchema } from "../scenario-schema.js";

// The faults' file format (`CarrierFaultsSchema`, `CarrierFaults`, `CarrierFaultsInput`) is core's:
// it is part of a scenario file. What stays here is the machinery that applies them.

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
