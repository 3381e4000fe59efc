/**
 * The collapsible frame every panel shares: a header button (keyboard operable, announces its expanded state) and
 * a labelled region. Collapsing is remembered for the rest of the visit, so it doesn't reopen on every user.
 */
import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import type { Tone } from "./words";

let collapsedForVisit = false;

export function PanelFrame(props: {
  summary: string;
  tone: Tone;
  label: string;
  children: ComponentChildren;
}) {
  const [expanded, setExpanded] = useState(!collapsedForVisit);
  const bodyId = useId();
  const toggle = () => {
    collapsedForVisit = expanded;
    setExpanded(!expanded);
  };
  return (
    <section class="panel" data-tone={props.tone} aria-label={props.label}>
      <button type="button" class="header" aria-expanded={expanded} aria-controls={bodyId} onClick={toggle}>
        <span class="brand">SMS Doctor</span>
        <span aria-hidden="true">·</span>
        <span class="verdict" aria-live="polite">
          {props.summary}
        </span>
        <span class="chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      <div class="body" id={bodyId} hidden={!expanded}>
        {props.children}
      </div>
    </section>
  );
}
