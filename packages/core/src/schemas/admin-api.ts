// 8x8 Administration API bodies: filled in by the change that moves them into core.
export {};
