/**
 * On the SMS page, while the console asks to confirm "Deactivate campaign" or "Remove number" (its confirmation
 * dialog is open): a panel of SMS Doctor's own, fixed at the corner of the window above the dialog's backdrop,
 * lists who loses SMS (worded by the background). The dialog itself is only read; closing it removes the panel.
 */
import { clipText, TEXT_LIMITS } from "@sms-doctor/core/limits";
import { readConfirmation } from "../console/read-sms-registration";
import { send } from "../messaging/send";
import { mountPanel } from "../panels/mount-panel";
import { Warning } from "../panels/Warning";
import { followPage } from "./follow-page";

export function warnBeforeConfirm(signal: AbortSignal): void {
  let shown: AbortController | undefined;
  signal.addEventListener("abort", () => shown?.abort(), { once: true });
  followPage(
    () => readConfirmation(document),
    JSON.stringify,
    async (confirmation) => {
      shown?.abort();
      if (!confirmation) return;
      const current = new AbortController();
      shown = current;
      const { change, number } = confirmation;
      const view = await send({
        type: "sms-change-preview",
        change,
        number: number && clipText(number, TEXT_LIMITS.phoneNumber),
      }).catch(() => undefined);
      if (!view || current.signal.aborted) return;
      const panel = mountPanel("sms-change", { anchor: document.body, where: "prepend" }, current.signal);
      panel.host.dataset.change = change;
      panel.render(<Warning view={view} role="alert" />);
    },
    { signal, lastKey: "null" },
  );
}
