// @vitest-environment node

import { describe, expect, it } from "vitest";
import { pageOf, pages, pageUrls, unclaimedUrls, userIdFromUrl } from "../../src/console/routes";
import type { ConsolePageId as PageId } from "../../src/messaging/message-schemas";

describe("console routes", () => {
  const ids = Object.keys(pages) as PageId[];
  const matrix = ids.flatMap((id) => pageUrls[id].map((url) => [id, url] as const));

  it.each(matrix)("%s claims %s, and no other page does", (id, url) => {
    for (const other of ids) expect(pages[other].matches(url), `${other} on ${url}`).toBe(other === id);
  });

  it.each(unclaimedUrls)("no page claims %s", (url) => {
    expect(pageOf(url)).toBeNull();
  });

  it("reads the user id from a user page URL, decoded", () => {
    expect(userIdFromUrl("https://admin.8x8.com/users/user/abc123?tab=x#y")).toBe("abc123");
    expect(userIdFromUrl("https://admin.8x8.com/users/user/jane%40example.com")).toBe("jane@example.com");
    expect(userIdFromUrl("https://admin.8x8.com/users")).toBeNull();
  });
});
