/** Parses page HTML into a document of the test's happy-dom window, as the content script would find it. */
export function loadPage(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}
