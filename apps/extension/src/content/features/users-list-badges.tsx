/**
 * On Home > Users: a small badge after the name of each user whose last diagnosis in this browser was not
 * "can send". Rows appear as the list loads, pages or filters, so new rows are badged as they come.
 */
import type { Verdict } from "@sms-doctor/core";
import { TEXT_LIMITS } from "@sms-doctor/core/limits";
import { readUserRows } from "../../console/read-users-list";
import { isUsersList } from "../../console/routes";
import { send } from "../../messaging/send";
import { mountBadge } from "../../panels/mount-panel";
import type { Feature } from "../feature";

const badgeWords: Record<Exclude<Verdict, "can-send">, string> = {
  "cannot-send": "Can't send SMS",
  pending: "SMS pending",
  unknown: "SMS unknown",
};

export const usersListBadges: Feature = {
  id: "users-list-badges",
  include: [isUsersList],
  init({ signal }) {
    const badged = new WeakSet<Element>();
    let scheduled: ReturnType<typeof setTimeout> | undefined;

    const badgeNewRows = async () => {
      // Ids longer than any user id the background accepts come from a page we don't control: left out.
      const rows = readUserRows(document, location.href).filter(
        (row) => !badged.has(row.link) && row.userId.length <= TEXT_LIMITS.userId,
      );
      if (rows.length === 0) return;
      for (const row of rows) badged.add(row.link);
      const { verdicts, titles } = await send({
        type: "users-list-verdicts",
        userIds: rows.map((row) => row.userId),
      });
      if (signal.aborted) return;
      for (const row of rows) {
        // Own keys only: a user "__proto__" must not read Object.prototype as its verdict.
        const verdict = Object.hasOwn(verdicts, row.userId) ? verdicts[row.userId] : undefined;
        if (!verdict || verdict === "can-send" || !row.link.isConnected) continue;
        const badge = mountBadge(row.link, signal);
        badge.host.dataset.verdict = verdict;
        badge.render(
          <span
            class="badge"
            data-verdict={verdict}
            // The cause as the background words it (never a candidate shown as the cause).
            title={Object.hasOwn(titles, row.userId) ? titles[row.userId] : undefined}
          >
            {badgeWords[verdict]}
          </span>,
        );
      }
    };

    const observer = new MutationObserver(() => {
      clearTimeout(scheduled);
      scheduled = setTimeout(() => void badgeNewRows().catch(() => {}), 100);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    signal.addEventListener(
      "abort",
      () => {
        observer.disconnect();
        clearTimeout(scheduled);
      },
      { once: true },
    );
    void badgeNewRows().catch(() => {});
    return undefined;
  },
};
