import type { ComponentChildren } from "preact";
import { useMemo, useState } from "preact/hooks";
import { css } from "../css.js";
import { markup } from "../markup.js";

const section = css(
  "background:#fff;border:1px solid #dfe3e8;border-radius:8px;margin:0 0 16px;padding:0 0 16px;",
  "FormSection",
);
const header = css(
  "display:flex;align-items:center;justify-content:space-between;padding:14px 20px;border-bottom:1px solid #eef0f3;",
);
const title = css("font-size:16px;font-weight:600;margin:0;color:#1b2733;");
const body = css("padding:12px 20px 0;");
// Variant-only styles are made on first use, so the default markup's style sheet stays as it was.
const toggleButton = () =>
  css(
    "margin-left:auto;border:0;background:none;padding:4px 8px;cursor:pointer;color:#4a5866;font-size:14px;",
    "Toggle",
  );
const wrapper = () => css("display:block;", "Wrapper");

/** Like React's useId (`:r5:`): landmark sections' ids say nothing about the section. */
let generatedIds = 0;

/**
 * One section of a console form. Default: `data-test-id="form-section"` + `data-id`, titled in its header
 * container. `landmark-sections`: a `<section aria-labelledby>` region titled by a `role="heading"` div, inside
 * two wrapper divs, with no data attributes. `collapsible` (the profile's SMS section in `collapsed-sms`): starts
 * closed with only its header in the DOM; a disclosure button (named by the title, `aria-expanded`,
 * `aria-controls`) opens it, and so does a click anywhere on the header, which is what third-party scripts were
 * seen doing on the real console (clicking `.form-section-header-container`).
 */
export function FormSection(props: {
  id: string;
  title: string;
  actions?: ComponentChildren;
  collapsible?: boolean;
  children: ComponentChildren;
}) {
  const landmark = markup.has("landmark-sections");
  const [open, setOpen] = useState(!props.collapsible);
  const ids = useMemo(
    () =>
      landmark
        ? { title: `:r${++generatedIds}:`, content: `:r${++generatedIds}:` }
        : { title: undefined, content: `form-section-${props.id}-content` },
    [],
  );

  if (!landmark && !props.collapsible)
    return (
      <div data-test-id="form-section" data-id={props.id} class={section}>
        <div class={`form-section-header-container ${header}`}>
          <h2 class={title}>{props.title}</h2>
          {props.actions}
        </div>
        <div class={body}>{props.children}</div>
      </div>
    );

  const heading = landmark ? (
    // biome-ignore lint/a11y/useSemanticElements: the imitated consoles title regions with role=heading divs
    <div role="heading" aria-level={2} id={ids.title} class={title}>
      {props.title}
    </div>
  ) : (
    <h2 class={title}>{props.title}</h2>
  );
  const toggle = props.collapsible && (
    // The header's click handler toggles; the button is its keyboard- and screen-reader-facing part.
    <button
      type="button"
      class={toggleButton()}
      aria-expanded={open}
      aria-controls={ids.content}
      aria-label={props.title}
    >
      <span aria-hidden="true">{open ? "▴" : "▾"}</span>
    </button>
  );
  const headerDiv = (
    // biome-ignore lint/a11y/noStaticElementInteractions: the real header takes mouse clicks; its button is the accessible control
    // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users reach the same toggle through the button inside
    <div
      class={landmark ? header : `form-section-header-container ${header}`}
      onClick={props.collapsible ? () => setOpen(!open) : undefined}
    >
      {heading}
      {toggle}
      {props.actions}
    </div>
  );
  const content = open && (
    <div class={body} id={ids.content}>
      {props.children}
    </div>
  );
  if (!landmark)
    return (
      <div data-test-id="form-section" data-id={props.id} class={section}>
        {headerDiv}
        {content}
      </div>
    );
  return (
    <div class={wrapper()}>
      <div role="presentation">
        <section aria-labelledby={ids.title} class={section}>
          {headerDiv}
          {content}
        </section>
      </div>
    </div>
  );
}
