/**
 * Runs the features that apply to the current URL, after aborting whatever the previous page started. On a
 * console URL that no feature claims, it watches the page and runs a feature once the page shows what that
 * feature recognises (a user profile at a path we have never seen).
 */
import { type Feature, logFeatureError } from "./feature";
import { followPage } from "./follow-page";

export function createFeatureRunner(features: readonly Feature[]) {
  let current: AbortController | undefined;
  return function run(url: URL, softNavigation: boolean): Promise<void> {
    current?.abort(new DOMException("The console navigated away", "AbortError"));
    const controller = new AbortController();
    current = controller;
    const { signal } = controller;
    const start = async (feature: Feature) => {
      try {
        await feature.init({ signal, url, softNavigation });
      } catch (error) {
        // One feature crashing never stops the others.
        if (!signal.aborted) logFeatureError(feature.id, error);
      }
    };
    const byUrl = features.filter((feature) => feature.include.some((matches) => matches(url)));
    if (byUrl.length > 0) return Promise.all(byUrl.map(start)).then(() => undefined);

    const waiting = features.filter((feature) => feature.recognize);
    const recognized = () => waiting.filter((feature) => feature.recognize?.(document)).map((f) => f.id);
    return new Promise((resolve) => {
      const started: Promise<void>[] = [];
      const startRecognized = (ids: string[]) => {
        for (const feature of waiting.filter((f) => ids.includes(f.id))) started.push(start(feature));
        waiting.splice(0, waiting.length, ...waiting.filter((f) => !ids.includes(f.id)));
        if (waiting.length === 0) resolve(Promise.all(started).then(() => undefined));
      };
      signal.addEventListener("abort", () => resolve(Promise.all(started).then(() => undefined)), {
        once: true,
      });
      const now = recognized();
      if (now.length > 0) startRecognized(now);
      if (waiting.length > 0 && !signal.aborted)
        followPage(recognized, (ids) => ids.join(","), startRecognized, { signal, lastKey: "" });
    });
  };
}
