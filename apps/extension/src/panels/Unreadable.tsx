/**
 * What the panel says when the page couldn't be read: which field, where it was expected, and that nothing was
 * guessed. "Copy page outline" gives the administrator something to attach to a report that shows how the page
 * is built without anything it says about the user (a screenshot would).
 */

import { pageOutline, redact } from "../console/page-outline";
import type { UnreadableField as Unreadable } from "../messaging/message-schemas";
import { CopyButton } from "./CopyButton";
import { fieldWords } from "./words";

/** The outline, under a comment line naming what couldn't be read (the fixture script skips `#` lines). */
export function pageOutlineReport(unreadable: Unreadable[], root: Document | Element = document): string {
  const missing = unreadable.map((item) => `${fieldWords[item.field] ?? item.field}: ${item.reason}`);
  return `# SMS Doctor couldn't read this page: ${redact(missing.join("; "))}\n${pageOutline(root)}\n`;
}

export function UnreadableNotice({ unreadable }: { unreadable: Unreadable[] }) {
  return (
    <>
      <div role="alert" data-unreadable="">
        <p>
          <strong>SMS Doctor couldn't read this page</strong>, so it gives no diagnosis rather than a guess.
        </p>
        <ul>
          {unreadable.map((item) => (
            <li key={`${item.field}-${item.reason}`} data-unreadable-field={item.field}>
              {fieldWords[item.field] ?? item.field}: {item.reason}.
            </li>
          ))}
        </ul>
        <p class="meta">
          The console may have changed its layout. Reload the page; if this stays, please report it with the
          page outline (it has no names, numbers or values).
        </p>
      </div>
      {/* Outside the alert: the button and its "Copied" status are not part of the warning. */}
      <div class="actions">
        <CopyButton label="Copy page outline" text={() => pageOutlineReport(unreadable)} />
      </div>
    </>
  );
}
