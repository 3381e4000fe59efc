/**
 * On a user's page: reads the profile, asks the background for a diagnosis and shows it next to the SMS enabled
 * numbers section. It follows the page afterwards: a section that opens or finishes loading is read and the
 * panel replaced in place; a save that changes a number's status is diagnosed again.
 */

import type { UserSnapshot } from "@sms-doctor/core";
import { boundedSnapshot, TEXT_LIMITS } from "@sms-doctor/core/limits";
import {
  formOf,
  profileHasRendered,
  readUserProfile,
  userPageShown,
  userPanelPlacement,
} from "../../console/read-user-profile";
import { contentOf, type Reading } from "../../console/reading";
import { isUserPage, userIdFromUrl } from "../../console/routes";
import { waitForReading } from "../../console/wait-for-reading";
import type { SavePreviewView, UserDiagnosisView } from "../../messaging/messages";
import { send } from "../../messaging/send";
import { mountPanel } from "../../panels/mount-panel";
import { UserSmsPanel } from "../../panels/UserSmsPanel";
import { errorMessage, type Feature } from "../feature";
import { followPage } from "../follow-page";
import { warnBeforeSave } from "../warn-before-save";

type ProfileReading = Reading<UserSnapshot>;

/**
 * What only changes when the page shows another saved state: whether it could be read, and each SMS number with
 * its status. Unsaved edits to the form (a new phone number not yet saved) are not a new state of the user.
 */
function savedState(reading: ProfileReading): string {
  if (!reading.ok) return JSON.stringify(reading.unreadable);
  const { sms, userId } = reading.value;
  return JSON.stringify([userId, sms?.number, sms?.status]);
}

export const userSmsPanel: Feature = {
  id: "user-sms-panel",
  include: [isUserPage],
  recognize: userPageShown,
  async init({ signal, url, softNavigation }) {
    const urlId = userIdFromUrl(url);
    // An id longer than any the worker or the background accepts is not a user page we can diagnose.
    if (urlId && urlId.length > TEXT_LIMITS.userId) return false;
    const identifiedBy = urlId ? "url" : "page";
    const read = (): ProfileReading =>
      readUserProfile(document, {
        ...(urlId ? { userId: urlId } : {}),
        observedAt: new Date().toISOString(),
      });
    // Moving here from another user, the console may briefly still show that user: wait until it doesn't.
    const previous = softNavigation ? contentOf(read()) : null;
    const first = await waitForReading(read, {
      signal,
      hasRendered: () => profileHasRendered(document),
      isStale: () => previous !== null && contentOf(read()) === previous,
    });
    const panel = mountPanel("user", userPanelPlacement(document), signal);
    let diagnosed = false;
    // Each diagnosis supersedes an earlier one's late answer from the worker.
    let latest = 0;
    // The diagnosis shown (with the reading it was made from), and what saving the admin's unsaved edits would
    // do (shown above it).
    let shown: { view: UserDiagnosisView; read: UserSnapshot } | undefined;
    let preview: SavePreviewView | undefined;
    const showDiagnosis = () =>
      shown &&
      panel.render(
        <UserSmsPanel state={{ kind: "diagnosed", view: shown.view, read: shown.read }} preview={preview} />,
      );
    const warnings = warnBeforeSave(signal, (next) => {
      preview = next;
      showDiagnosis();
    });

    const diagnose = async (reading: Extract<ProfileReading, { ok: true }>) => {
      const turn = ++latest;
      const showView = (view: UserDiagnosisView) => {
        shown = { view, read: reading.value };
        panel.setState("ready", view.verdict);
        showDiagnosis();
      };
      if (!diagnosed) {
        panel.setState("reading");
        panel.render(<UserSmsPanel state={{ kind: "reading" }} />);
      }
      try {
        const view = await send({
          type: "user-page-read",
          snapshot: boundedSnapshot(reading.value),
          identifiedBy,
        });
        if (signal.aborted) return;
        diagnosed = true;
        showView(view);
        warnings.saved(reading.value.userId, formOf(reading.value));
        // The local diagnosis is shown; the same panel is updated when the worker answers. A failed request
        // leaves the local diagnosis (the background words the worker's own failures in its answer).
        const requestId = view.worker?.requestId;
        if (requestId)
          send({ type: "worker-answer", requestId }).then(
            (answered) => !signal.aborted && turn === latest && showView(answered),
            () => {},
          );
      } catch (error) {
        if (signal.aborted) return;
        shown = undefined;
        panel.setState("error", "unknown");
        panel.render(<UserSmsPanel state={{ kind: "error", message: errorMessage(error) }} />);
      }
    };

    const show = async (reading: ProfileReading) => {
      panel.place(userPanelPlacement(document));
      if (reading.ok) return diagnose(reading);
      // A diagnosis already shown stays when the admin closes a section again: closing it changes nothing.
      if (diagnosed) return;
      const waitingFor = reading.unreadable.find((item) => item.waitingFor)?.waitingFor;
      if (waitingFor) {
        panel.setState("waiting", "unknown");
        panel.render(<UserSmsPanel state={{ kind: "waiting", section: waitingFor }} />);
        return;
      }
      panel.setState("unreadable", "unknown");
      panel.render(<UserSmsPanel state={{ kind: "unreadable", unreadable: reading.unreadable }} />);
      await send({ type: "page-unreadable", page: "user-page", unreadable: reading.unreadable }).catch(
        () => {},
      );
    };

    // Until a diagnosis is shown, a section opening is read at once; after, a save is read once the rows settle.
    followPage(read, savedState, (reading) => void show(reading), {
      signal,
      lastKey: savedState(first),
      settle: () => diagnosed,
    });
    await show(first);
    return;
  },
};
