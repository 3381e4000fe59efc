/** Before a change on the SMS page is confirmed: who loses SMS, in the background's words. */
import type { SmsChangePreviewView } from "../messaging/messages";

export function SmsChangeWarning({ view }: { view: SmsChangePreviewView }) {
  return (
    <section class="panel" data-tone="bad" role="alert" aria-label="SMS Doctor: who loses SMS">
      <div class="body">
        <p>
          <strong>{view.summary}</strong>
        </p>
        {view.users.length > 0 && (
          <ul aria-label="Who loses SMS">
            {view.users.map((user) => (
              <li key={user.userId} data-user-id={user.userId}>
                {user.text}
              </li>
            ))}
          </ul>
        )}
        {view.notes.map((note) => (
          <p class="meta" key={note}>
            {note}
          </p>
        ))}
      </div>
    </section>
  );
}
