/** What the panel says when the page couldn't be read: which field, where it was expected, and that nothing was guessed. */
import type { Unreadable } from "../console/reading";
import { fieldWords } from "./words";

export function UnreadableNotice({ unreadable }: { unreadable: Unreadable[] }) {
  return (
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
        The console may have changed its layout. Reload the page; if this stays, please report it with a
        screenshot of the page.
      </p>
    </div>
  );
}
