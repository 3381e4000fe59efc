export declare const CONTENT_SCRIPT_BUDGET_BYTES: number;
export declare function contentScriptSizes(
  dist: string,
): { file: string; bytes: number; gzipBytes: number }[];
