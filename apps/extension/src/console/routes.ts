/**
 * Which console page a URL is. Pure predicates over URLs; each is followed by the URLs it must match, and
 * test/unit/routes.test.ts checks every listed URL against every predicate (a URL matches its own page and no other).
 * The console's path for one user's page is not documented: `/users/user/<id>` is what we treat it as.
 */

import type { ConsolePageId as PageId } from "../messaging/message-schemas.js";

export const CONSOLE_ORIGIN = "https://admin.8x8.com";

type UrlLike = URL | string;

function toUrl(url: UrlLike): URL | null {
  try {
    return typeof url === "string" ? new URL(url) : url;
  } catch {
    return null;
  }
}

/** Path without its trailing slash, or null when the URL is not on the console. */
function consolePath(url: UrlLike): string | null {
  const parsed = toUrl(url);
  if (!parsed || parsed.origin !== CONSOLE_ORIGIN) return null;
  return parsed.pathname.replace(/\/+$/, "") || "/";
}

// "create" is the new-user form, which shares the prefix but has no user behind it yet.
const USER_PAGE_PATH = /^\/users\/user\/(?!create$)([^/]+)$/;

/** The id in a user page's URL, decoded; null when the URL is not a user page. */
export function userIdFromUrl(url: UrlLike): string | null {
  const path = consolePath(url);
  const match = path ? USER_PAGE_PATH.exec(path) : null;
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export const isUserPage = (url: UrlLike): boolean => userIdFromUrl(url) !== null;
export const userPageUrls = [
  "https://admin.8x8.com/users/user/abc123",
  "https://admin.8x8.com/users/user/abc123/",
  "https://admin.8x8.com/users/user/u-42?tab=profile",
  "https://admin.8x8.com/users/user/hkEwq3hkSo2m8xJ0aOvUzA#sms",
  "https://admin.8x8.com/users/user/jane%40example.com",
];

export const isUsersList = (url: UrlLike): boolean => consolePath(url) === "/users";
export const usersListUrls = [
  "https://admin.8x8.com/users",
  "https://admin.8x8.com/users/",
  "https://admin.8x8.com/users?search=jane&status=ACTIVE",
];

export const isSmsPage = (url: UrlLike): boolean => consolePath(url) === "/sms";
export const smsPageUrls = [
  "https://admin.8x8.com/sms",
  "https://admin.8x8.com/sms/",
  "https://admin.8x8.com/sms?tab=campaign",
];

/** Console and foreign URLs that no predicate may claim. */
export const unclaimedUrls = [
  "https://admin.8x8.com/",
  "https://admin.8x8.com/users/user/create",
  "https://admin.8x8.com/users/user/",
  "https://admin.8x8.com/users/user/abc123/devices",
  "https://admin.8x8.com/users-groups",
  "https://admin.8x8.com/phone-numbers",
  "https://admin.8x8.com/company/pbx",
  "https://admin.8x8.com/user-profile",
  "https://admin.8x8.com/sms-settings",
  "https://sso.8x8.com/users/user/abc123",
  "http://admin.8x8.com/users/user/abc123",
  "https://admin.8x8.com.evil.example/sms",
  "not a url",
];

export const pages: Record<PageId, { matches: (url: UrlLike) => boolean }> = {
  "user-page": { matches: isUserPage },
  "users-list": { matches: isUsersList },
  "sms-page": { matches: isSmsPage },
};

/**
 * The URLs each page must match, for the route matrix test. Kept apart from `pages` so the content script's
 * build leaves these lists out (it only needs the predicates).
 */
export const pageUrls: Record<PageId, string[]> = {
  "user-page": userPageUrls,
  "users-list": usersListUrls,
  "sms-page": smsPageUrls,
};

/** Which page a URL is, or null for console pages SMS Doctor has nothing to add to. */
export function pageOf(url: UrlLike): PageId | null {
  for (const [id, page] of Object.entries(pages) as [PageId, (typeof pages)[PageId]][]) {
    if (page.matches(url)) return id;
  }
  return null;
}
