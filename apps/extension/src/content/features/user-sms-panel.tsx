/**
 * On a user's page: reads the profile, asks the background for a diagnosis and shows it next to the SMS enabled
 * numbers section. When the SMS section's numbers or statuses change (after the admin saves), it diagnoses again.
 */

import { findSection } from "../../console/dom";
import {
  profileHasRendered,
  readSmsRows,
  readUserProfile,
  userPanelPlacement,
} from "../../console/read-user-profile";
import { isUserPage, userIdFromUrl } from "../../console/routes";
import { waitForReading } from "../../console/wait-for-reading";
import { send } from "../../messaging/send";
import { mountPanel } from "../../panels/mount-panel";
import { UserSmsPanel } from "../../panels/UserSmsPanel";
import { boundedSnapshot, TEXT_LIMITS } from "../bounded-text";
import type { Feature } from "../feature";

/**
 * Mutations of the SMS rows are read once the page has been quiet this long (or, on a page that never
 * quiets down, at most this often): a busy or hostile page can't make every mutation a round trip.
 */
const SMS_ROWS_QUIET_MS = 300;
const SMS_ROWS_MAX_WAIT_MS = 2000;

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The part of the SMS section that only changes after a save: each number with its status. */
function smsRowsFingerprint(): string {
  const section = findSection(document, "smsEnabledNumbers");
  return section ? JSON.stringify(readSmsRows(section).map((row) => [row.number, row.status])) : "";
}

/** What a reading says, without when or for whom: equal for two readings of the same DOM. */
function profileContent(reading: ReturnType<typeof readUserProfile>): string {
  if (!reading.ok) return JSON.stringify(reading.unreadable);
  const { observedAt: _observedAt, userId: _userId, ...content } = reading.value;
  return JSON.stringify(content);
}

export const userSmsPanel: Feature = {
  id: "user-sms-panel",
  include: [isUserPage],
  async init({ signal, url, softNavigation }) {
    const userId = userIdFromUrl(url);
    // An id longer than any the worker or the background accepts is not a user page we can diagnose.
    if (!userId || userId.length > TEXT_LIMITS.userId) return false;
    const read = () => readUserProfile(document, { userId, observedAt: new Date().toISOString() });
    // Moving here from another user, the console may briefly still show that user: wait until it doesn't.
    const previous = softNavigation ? profileContent(read()) : null;
    const reading = await waitForReading(read, {
      signal,
      hasRendered: () => profileHasRendered(document),
      isStale: () => previous !== null && profileContent(read()) === previous,
    });
    const panel = mountPanel("user", userPanelPlacement(document), signal);
    if (!reading.ok) {
      panel.setState("unreadable", "unknown");
      panel.render(<UserSmsPanel state={{ kind: "unreadable", unreadable: reading.unreadable }} />);
      await send({ type: "page-unreadable", page: "user-page", unreadable: reading.unreadable }).catch(
        () => {},
      );
      return;
    }

    const diagnose = async (snapshot = reading.value) => {
      try {
        const view = await send({ type: "user-page-read", snapshot: boundedSnapshot(snapshot) });
        if (signal.aborted) return;
        panel.setState("ready", view.verdict);
        panel.render(<UserSmsPanel state={{ kind: "diagnosed", view }} />);
      } catch (error) {
        if (signal.aborted) return;
        panel.setState("error", "unknown");
        panel.render(<UserSmsPanel state={{ kind: "error", message: errorMessage(error) }} />);
      }
    };
    panel.setState("reading");
    panel.render(<UserSmsPanel state={{ kind: "reading" }} />);
    await diagnose();

    // After a save the Status cell changes (e.g. to Pending): diagnose the new state, once the rows are
    // quiet, and only when what is read differs from what was last sent.
    let lastSaved = smsRowsFingerprint();
    let lastSent = profileContent(reading);
    const readAgain = () => {
      pendingSince = undefined;
      if (signal.aborted) return;
      const saved = smsRowsFingerprint();
      if (saved === lastSaved) return;
      lastSaved = saved;
      const again = read();
      if (!again.ok) return;
      const content = profileContent(again);
      if (content === lastSent) return;
      lastSent = content;
      void diagnose(again.value);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pendingSince: number | undefined;
    const observer = new MutationObserver(() => {
      const now = Date.now();
      pendingSince ??= now;
      clearTimeout(timer);
      const wait = Math.min(SMS_ROWS_QUIET_MS, pendingSince + SMS_ROWS_MAX_WAIT_MS - now);
      timer = setTimeout(readAgain, Math.max(0, wait));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    signal.addEventListener(
      "abort",
      () => {
        observer.disconnect();
        clearTimeout(timer);
      },
      { once: true },
    );
    return;
  },
};
