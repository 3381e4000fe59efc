/**
 * A feature is one thing SMS Doctor adds to the console, in one file, registered with the pages it runs on.
 * `init` gets an AbortSignal that fires when the admin navigates away; everything a feature adds or listens to
 * hangs off that signal, so nothing is left behind.
 */
export interface FeatureContext {
  signal: AbortSignal;
  url: URL;
  /** True when the console moved here client-side: the DOM may still show the previous page for a moment. */
  softNavigation: boolean;
}

export interface Feature {
  /** Also the file name; used in logs. */
  id: string;
  /** The URLs it runs on. */
  include: ((url: URL) => boolean)[];
  /**
   * The page recognised by what it shows, for console URLs no feature's `include` claims (the paths of some
   * console pages are not documented): the feature runs once the document shows this.
   */
  recognize?: (document: Document) => boolean;
  /** Returns false when the page turns out not to apply. */
  init(context: FeatureContext): Promise<undefined | false> | undefined | false;
}

/** An error's message, for a panel that says what went wrong. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Logs a feature's failure once, with its id, without stopping the other features. */
export function logFeatureError(id: string, error: unknown): void {
  if (error instanceof DOMException && error.name === "AbortError") return;
  console.warn(`SMS Doctor: feature ${id} failed`, error);
}
