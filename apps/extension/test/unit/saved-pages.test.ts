/**
 * The extractors against every page the sandbox saved from its replica, including layout variants (missing and
 * reordered sections, extra wrappers, a page still loading, an unsaved switch): each reading must equal what the
 * replica's world truly shows, or say exactly what it couldn't find.
 */
import { type CompanySmsRegistration, toE164, type UserSnapshot } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { readSmsRegistration } from "../../src/console/read-sms-registration";
import { profileHasRendered, readUserProfile } from "../../src/console/read-user-profile";
import { readUserRows } from "../../src/console/read-users-list";
import { loadPage } from "../support/load-page";
import { savedPageHtml, savedPages } from "../support/saved-pages";

const at = "2026-06-01T15:00:00.000Z";

/** What the console shows of a user (numbers in E.164): the facts a page can be held to. */
const shown = (snapshot: UserSnapshot) => ({
  license: snapshot.license,
  phoneNumber: toE164(snapshot.phoneNumber),
  extensionNumber: snapshot.extensionNumber,
  sms: snapshot.sms && { ...snapshot.sms, number: toE164(snapshot.sms.number) },
  displayName: snapshot.displayName,
  email: snapshot.email,
  site: snapshot.site,
});

const registration = ({ observedAt: _, ...rest }: CompanySmsRegistration) => ({
  ...rest,
  enabledNumbers: rest.enabledNumbers?.map((entry) => ({ ...entry, number: toE164(entry.number) })),
});

const userPages = savedPages.flatMap((page) => (page.page === "user" ? [page] : []));
const smsPages = savedPages.flatMap((page) => (page.page === "sms" ? [page] : []));
const listPages = savedPages.flatMap((page) => (page.page === "users" ? [page] : []));
const readable = (page: (typeof userPages)[number]) =>
  page.variant !== "missing-sms-section" && page.variant !== "loading" && !page.collapsed;

describe("saved user pages", () => {
  it.each(userPages.filter(readable).map((page) => [page.file, page] as const))(
    "%s reads as the world shows it",
    (_file, page) => {
      const reading = readUserProfile(loadPage(savedPageHtml(page.file)), {
        userId: page.userId,
        observedAt: at,
      });
      expect(reading.ok, JSON.stringify(reading)).toBe(true);
      if (reading.ok) expect(shown(reading.value)).toEqual(shown(page.truth));
    },
  );

  it("says the SMS fields are missing when the section is gone", () => {
    const page = userPages.find((p) => p.variant === "missing-sms-section")!;
    const reading = readUserProfile(loadPage(savedPageHtml(page.file)), {
      userId: page.userId,
      observedAt: at,
    });
    expect(!reading.ok && reading.unreadable.map((u) => u.field)).toEqual([
      "smsNumber",
      "smsEnabled",
      "smsStatus",
    ]);
  });

  it.each(userPages.filter((page) => page.collapsed).map((page) => [page.file, page] as const))(
    "%s, its SMS section closed, reads as 'open SMS enabled numbers', never as SMS off",
    (_file, page) => {
      const reading = readUserProfile(loadPage(savedPageHtml(page.file)), {
        userId: page.userId,
        observedAt: at,
      });
      expect(!reading.ok && reading.unreadable).toEqual(
        ["smsNumber", "smsEnabled", "smsStatus"].map((field) => ({
          field,
          reason: 'the "SMS enabled numbers" section is closed or still loading',
          waitingFor: "SMS enabled numbers",
        })),
      );
    },
  );

  it("doesn't mistake a page still loading for a rendered profile", () => {
    const page = userPages.find((p) => p.variant === "loading")!;
    const doc = loadPage(savedPageHtml(page.file));
    expect(profileHasRendered(doc)).toBe(false);
    expect(readUserProfile(doc, { userId: page.userId, observedAt: at }).ok).toBe(false);
  });
});

describe("saved SMS pages", () => {
  it.each(smsPages.map((page) => [page.file, page] as const))(
    "%s reads as the world shows it",
    (_file, page) => {
      const reading = readSmsRegistration(loadPage(savedPageHtml(page.file)), at);
      expect(reading.ok, JSON.stringify(reading)).toBe(true);
      if (reading.ok) expect(registration(reading.value)).toEqual(registration(page.truth));
    },
  );
});

describe("saved Users lists", () => {
  it.each(listPages.map((page) => [page.file] as const))("%s lists users with their page links", (file) => {
    const rows = readUserRows(loadPage(savedPageHtml(file)), "https://admin.8x8.com/users");
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.userId)).size).toBe(rows.length);
  });
});
