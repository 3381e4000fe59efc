/**
 * Finds the rows of Home > Users (an HTML or ARIA table or grid, or a list), each with who the row is and the link
 * that opens the user (where badges go). Who: the id in the link when it is a user page's URL; otherwise the
 * email the row shows, the same name a user page without an id in its URL is known by.
 */
import { spacedText } from "./dom";
import { emailText, userRows } from "./locators";
import { CONSOLE_ORIGIN, userIdFromUrl } from "./routes";

export interface UserRow {
  userId: string;
  /** The link to the user's page; a badge is placed right after it. */
  link: Element;
}

export function readUserRows(scope: ParentNode, baseUrl: string): UserRow[] {
  // Per row, its link to a user page (the id in its URL); failing that, its first console link and its email.
  const rows = new Map<Element, UserRow & { byUrl: boolean }>();
  for (const link of Array.from(scope.querySelectorAll("a[href]"))) {
    // Only links inside a row: the same href in a breadcrumb or menu is not a list entry.
    const row = userRows.map((selector) => link.closest(selector)).find(Boolean);
    if (!row || rows.get(row)?.byUrl) continue;
    let url: URL;
    try {
      url = new URL(link.getAttribute("href") ?? "", baseUrl);
    } catch {
      continue;
    }
    if (url.origin !== CONSOLE_ORIGIN) continue;
    const userId = userIdFromUrl(url);
    if (userId) rows.set(row, { userId, link, byUrl: true });
    else if (!rows.has(row)) {
      const email = emailText.exec(spacedText(row))?.[0];
      if (email) rows.set(row, { userId: email, link, byUrl: false });
    }
  }
  return [...rows.values()].map(({ userId, link }) => ({ userId, link }));
}
