import { useEffect, useState } from "preact/hooks";
import type { ApiErrorBody } from "../../src/console/console-views.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody["error"],
  ) {
    super(body.message);
  }
}

/** Calls the replica's JSON API (same origin, relative URL). */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? null : JSON.stringify(init.body),
    signal: init.signal ?? null,
  });
  const body = await response.json();
  if (!response.ok) throw new ApiError(response.status, (body as ApiErrorBody).error);
  return body as T;
}

/**
 * How long a page waits, once its data arrived, before rendering its sections: `?renderDelayMs=`
 * on the first URL (kept for the session), else the server's setting.
 */
export function renderDelayMs(): number {
  const fromUrl = new URLSearchParams(location.search).get("renderDelayMs");
  if (fromUrl !== null && /^\d+$/.test(fromUrl)) sessionStorage.setItem("renderDelayMs", fromUrl);
  const value =
    sessionStorage.getItem("renderDelayMs") ??
    document.querySelector<HTMLMetaElement>('meta[name="sandbox-render-delay"]')?.content;
  return Math.min(Number(value ?? 150) || 0, 10_000);
}

export type PageData<T> =
  | { state: "loading" }
  | { state: "ready"; data: T; reload: () => void; replace: (data: T) => void }
  | { state: "error"; message: string };

/** Fetches a page's data, then renders it after the render delay; refetches when `path` changes. */
export function usePageData<T>(path: string): PageData<T> {
  const [result, setResult] = useState<PageData<T>>({ state: "loading" });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    setResult({ state: "loading" });
    api<T>(path, { signal: controller.signal })
      .then((data) => {
        timer = window.setTimeout(() => {
          setResult({
            state: "ready",
            data,
            reload: () => setGeneration((g) => g + 1),
            replace: (next) =>
              setResult((current) => (current.state === "ready" ? { ...current, data: next } : current)),
          });
        }, renderDelayMs());
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ state: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [path, generation]);
  return result;
}
