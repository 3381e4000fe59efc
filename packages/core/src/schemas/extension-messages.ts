// Filled in by the change that moves these boundary schemas into core.
export {};
