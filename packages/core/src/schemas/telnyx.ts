// Telnyx wire bodies: filled in by the change that moves them into core.
export {};
