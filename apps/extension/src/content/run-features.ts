/** Runs the features that apply to the current URL, after aborting whatever the previous page started. */
import { type Feature, logFeatureError } from "./feature";

export function createFeatureRunner(features: readonly Feature[]) {
  let current: AbortController | undefined;
  return function run(url: URL, softNavigation: boolean): Promise<void> {
    current?.abort(new DOMException("The console navigated away", "AbortError"));
    const controller = new AbortController();
    current = controller;
    const started = features
      .filter((feature) => feature.include.some((matches) => matches(url)))
      .map(async (feature) => {
        try {
          await feature.init({ signal: controller.signal, url, softNavigation });
        } catch (error) {
          // One feature crashing never stops the others.
          if (!controller.signal.aborted) logFeatureError(feature.id, error);
        }
      });
    return Promise.all(started).then(() => undefined);
  };
}
