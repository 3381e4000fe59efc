export * from "./lifecycle/index.js";
export * from "./schemas/index.js";
