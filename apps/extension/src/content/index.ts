/**
 * The content script on https://admin.8x8.com: runs the features that match the current page, and again after
 * every client-side navigation (the previous page's features are aborted first, so panels are replaced, never
 * duplicated). It only reads the page and renders; diagnosis and storage happen in the background.
 */
import { pageOf } from "../console/routes";
import { send } from "../messaging/send";
import { loadPanelStyles } from "../panels/mount-panel";
import { smsPagePanel } from "./features/sms-page-panel";
import { userSmsPanel } from "./features/user-sms-panel";
import { usersListBadges } from "./features/users-list-badges";
import { createFeatureRunner } from "./run-features";
import { watchNavigation } from "./watch-navigation";

const features = [userSmsPanel, smsPagePanel, usersListBadges];

// A second copy of this script in the same page (e.g. injected twice) must not run the features twice.
const STARTED = "__smsDoctorStarted";
const scope = globalThis as typeof globalThis & { [STARTED]?: boolean };

if (!scope[STARTED]) {
  scope[STARTED] = true;
  void loadPanelStyles();
  const run = createFeatureRunner(features);
  const show = (url: URL, softNavigation: boolean) => {
    send({ type: "page-shown", page: pageOf(url) }).catch(() => {});
    void run(url, softNavigation);
  };
  show(new URL(location.href), false);
  watchNavigation((url) => show(url, true), new AbortController().signal);
}
