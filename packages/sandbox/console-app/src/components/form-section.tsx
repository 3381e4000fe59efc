import type { ComponentChildren } from "preact";
import { css } from "../css.js";

const section = css(
  "background:#fff;border:1px solid #dfe3e8;border-radius:8px;margin:0 0 16px;padding:0 0 16px;",
  "FormSection",
);
const header = css(
  "display:flex;align-items:center;justify-content:space-between;padding:14px 20px;border-bottom:1px solid #eef0f3;",
);
const title = css("font-size:16px;font-weight:600;margin:0;color:#1b2733;");
const body = css("padding:12px 20px 0;");

/** One section of a console form: `data-test-id="form-section"` + `data-id`, titled in its header container. */
export function FormSection(props: {
  id: string;
  title: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div data-test-id="form-section" data-id={props.id} class={section}>
      <div class={`form-section-header-container ${header}`}>
        <h2 class={title}>{props.title}</h2>
        {props.actions}
      </div>
      <div class={body}>{props.children}</div>
    </div>
  );
}
