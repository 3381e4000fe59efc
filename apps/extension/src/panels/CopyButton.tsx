/** "Copy diagnosis": puts plain text on the clipboard and says so to screen readers. */
import { useState } from "preact/hooks";

export function CopyButton({ label, text }: { label: string; text: () => string }) {
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setStatus("Copied");
    } catch {
      setStatus("Couldn't reach the clipboard; select the text in the panel instead");
    }
  };
  return (
    <>
      <button type="button" class="action" onClick={copy}>
        {label}
      </button>
      <span role="status" class="meta">
        {status}
      </span>
    </>
  );
}
