/**
 * Warn before Save: on a user's page, the form is followed (read only) and, while the License, the Phone Number
 * or an SMS switch differs from what was saved, the background says what saving will do to SMS (core's
 * predictSave, worded there). Nothing is shown when the change doesn't touch SMS; the warning goes once the form
 * shows what was saved again (the admin saved, and the page was diagnosed again, or undid the edit).
 */
import type { UserFormState } from "@sms-doctor/core";
import { boundedForm } from "@sms-doctor/core/limits";
import { readUserForm } from "../console/read-user-profile";
import type { SavePreviewView } from "../messaging/messages";
import { send } from "../messaging/send";
import { followPage } from "./follow-page";

export interface WarnBeforeSave {
  /** The form as saved (the snapshot last diagnosed): what edits are compared with. Checks the form again. */
  saved(userId: string, form: UserFormState): void;
}

/** Calls `show` with what saving will do, or undefined when there is nothing to warn of. */
export function warnBeforeSave(
  signal: AbortSignal,
  show: (preview: SavePreviewView | undefined) => void,
): WarnBeforeSave {
  let userId = "";
  let before: UserFormState | undefined;
  // What the panel shows a warning for: the saved and edited forms; "" when it shows none.
  let shown = "";
  const check = async () => {
    const after = readUserForm(document);
    const key =
      before && after && JSON.stringify(after) !== JSON.stringify(before)
        ? JSON.stringify([before, after])
        : "";
    if (key === shown) return;
    shown = key;
    let preview: SavePreviewView | undefined;
    if (before && after && key)
      preview = await send({
        type: "save-preview",
        userId,
        before: boundedForm(before),
        after: boundedForm(after),
      }).catch(() => undefined);
    // A later edit (or the page left) has the last word.
    if (!signal.aborted && key === shown) show(preview?.items.length ? preview : undefined);
  };
  followPage(
    () => readUserForm(document),
    JSON.stringify,
    () => void check(),
    { signal, lastKey: "" },
  );
  return {
    saved(id, form) {
      userId = id;
      before = form;
      void check();
    },
  };
}
