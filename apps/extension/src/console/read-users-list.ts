/** Finds the rows of Home > Users, each with the user id its link opens and the link itself (where badges go). */
import { userPageLinks, userRows } from "./locators";
import { userIdFromUrl } from "./routes";

export interface UserRow {
  userId: string;
  /** The link to the user's page; a badge is placed right after it. */
  link: Element;
}

export function readUserRows(scope: ParentNode, baseUrl: string): UserRow[] {
  const rows: UserRow[] = [];
  const seen = new Set<Element>();
  for (const linkSelector of userPageLinks) {
    for (const link of Array.from(scope.querySelectorAll(linkSelector))) {
      const href = link.getAttribute("href");
      if (!href) continue;
      const userId = userIdFromUrl(new URL(href, baseUrl));
      // Only links inside a row: the same href in a breadcrumb or menu is not a list entry.
      const row = userRows.map((selector) => link.closest(selector)).find(Boolean);
      if (!userId || !row || seen.has(row)) continue;
      seen.add(row);
      rows.push({ userId, link });
    }
  }
  return rows;
}
