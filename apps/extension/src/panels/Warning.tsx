/**
 * A warning worded by the background (warn before Save, who loses SMS): its summary, its items, its notes, as
 * text. `role`: "status" for one that follows the admin's typing, "alert" for one that interrupts.
 */
import type { WarningView } from "../messaging/messages";

export function Warning({ view, role }: { view: WarningView; role: "status" | "alert" }) {
  return (
    <div class="warning" role={role}>
      <strong>{view.summary}</strong>
      <ul>
        {view.items.map((item) => (
          <li key={item.key} data-item={item.key}>
            {item.text}
          </li>
        ))}
      </ul>
      {view.notes.map((note) => (
        <p class="meta" key={note}>
          {note}
        </p>
      ))}
    </div>
  );
}
