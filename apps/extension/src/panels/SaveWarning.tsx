/** Warn before Save: what saving the edited form will do to SMS, in core's words (written by the background). */
import type { SavePreviewView } from "../messaging/messages";

export function SaveWarning({ preview }: { preview: SavePreviewView }) {
  return (
    <div class="warning" role="status" data-save-warning="">
      <strong>If you save now</strong>
      <ul>
        {preview.predictions.map((prediction) => (
          <li key={prediction.id} data-prediction={prediction.id}>
            {prediction.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
