/** On Admin Console > SMS: explains the brand and campaign status and each form error; hands Pending numbers to tracking. */
import {
  readSmsRegistration,
  smsPageHasRendered,
  smsPagePanelPlacement,
} from "../../console/read-sms-registration";
import { isSmsPage } from "../../console/routes";
import { waitForReading } from "../../console/wait-for-reading";
import { send } from "../../messaging/send";
import { mountPanel } from "../../panels/mount-panel";
import { SmsPagePanel } from "../../panels/SmsPagePanel";
import { boundedRegistration } from "../bounded-text";
import type { Feature } from "../feature";

export const smsPagePanel: Feature = {
  id: "sms-page-panel",
  include: [isSmsPage],
  async init({ signal }) {
    // No page before this one shows the SMS page's sections, so nothing stale can be read here.
    const reading = await waitForReading(() => readSmsRegistration(document, new Date().toISOString()), {
      signal,
      hasRendered: () => smsPageHasRendered(document),
    });
    const panel = mountPanel("sms-page", smsPagePanelPlacement(document), signal);
    if (!reading.ok) {
      panel.setState("unreadable", "unknown");
      panel.render(<SmsPagePanel state={{ kind: "unreadable", unreadable: reading.unreadable }} />);
      await send({ type: "page-unreadable", page: "sms-page", unreadable: reading.unreadable }).catch(
        () => {},
      );
      return;
    }
    panel.setState("reading");
    panel.render(<SmsPagePanel state={{ kind: "reading" }} />);
    try {
      const view = await send({ type: "sms-page-read", registration: boundedRegistration(reading.value) });
      if (signal.aborted) return;
      panel.setState("ready", view.verdict);
      panel.render(<SmsPagePanel state={{ kind: "explained", view }} />);
    } catch (error) {
      if (signal.aborted) return;
      panel.setState("error", "unknown");
      panel.render(
        <SmsPagePanel
          state={{ kind: "error", message: error instanceof Error ? error.message : String(error) }}
        />,
      );
    }
    return;
  },
};
