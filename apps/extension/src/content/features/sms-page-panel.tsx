/**
 * On Admin Console > SMS: explains the brand and campaign status and each form error; hands Pending numbers to
 * tracking. It follows the page afterwards: a number going Pending → Enabled, or a new form error, is explained
 * again in the same panel.
 */
import type { CompanySmsRegistration } from "@sms-doctor/core";
import { boundedRegistration } from "@sms-doctor/core/limits";
import {
  readSmsRegistration,
  smsPageHasRendered,
  smsPagePanelPlacement,
} from "../../console/read-sms-registration";
import { contentOf, type Reading } from "../../console/reading";
import { isSmsPage } from "../../console/routes";
import { waitForReading } from "../../console/wait-for-reading";
import { send } from "../../messaging/send";
import { mountPanel } from "../../panels/mount-panel";
import { SmsPagePanel } from "../../panels/SmsPagePanel";
import { errorMessage, type Feature } from "../feature";
import { followPage } from "../follow-page";
import { warnBeforeConfirm } from "../warn-before-confirm";

export const smsPagePanel: Feature = {
  id: "sms-page-panel",
  include: [isSmsPage],
  recognize: smsPageHasRendered,
  async init({ signal }) {
    const read = () => readSmsRegistration(document, new Date().toISOString());
    // No page before this one shows the SMS page's sections, so nothing stale can be read here.
    const first = await waitForReading(read, { signal, hasRendered: () => smsPageHasRendered(document) });
    const panel = mountPanel("sms-page", smsPagePanelPlacement(document), signal);
    let explained = false;

    const show = async (reading: Reading<CompanySmsRegistration>) => {
      panel.place(smsPagePanelPlacement(document));
      if (!reading.ok) {
        if (explained) return;
        panel.setState("unreadable", "unknown");
        panel.render(<SmsPagePanel state={{ kind: "unreadable", unreadable: reading.unreadable }} />);
        await send({ type: "page-unreadable", page: "sms-page", unreadable: reading.unreadable }).catch(
          () => {},
        );
        return;
      }
      if (!explained) {
        panel.setState("reading");
        panel.render(<SmsPagePanel state={{ kind: "reading" }} />);
      }
      try {
        const view = await send({ type: "sms-page-read", registration: boundedRegistration(reading.value) });
        if (signal.aborted) return;
        explained = true;
        panel.setState("ready", view.verdict);
        panel.render(<SmsPagePanel state={{ kind: "explained", view }} />);
      } catch (error) {
        if (signal.aborted) return;
        panel.setState("error", "unknown");
        panel.render(<SmsPagePanel state={{ kind: "error", message: errorMessage(error) }} />);
      }
    };

    followPage(read, contentOf, (reading) => void show(reading), {
      signal,
      lastKey: contentOf(first),
    });
    warnBeforeConfirm(signal);
    await show(first);
    return;
  },
};
