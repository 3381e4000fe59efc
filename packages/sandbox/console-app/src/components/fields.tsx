import type { ComponentChildren } from "preact";
import { css } from "../css.js";

export const fieldRow = css(
  "display:grid;grid-template-columns:220px 1fr;align-items:center;gap:12px;margin:0 0 12px;",
  "Field",
);
export const labelClass = css("font-size:13px;color:#4a5866;font-weight:500;");
export const inputClass = css(
  "height:34px;border:1px solid #c4cdd5;border-radius:4px;padding:0 10px;font:inherit;font-size:14px;width:100%;max-width:420px;box-sizing:border-box;&:focus{outline:2px solid #2f6fdb;border-color:#2f6fdb;}",
  "Input",
);
export const buttonClass = css(
  "height:34px;padding:0 16px;border-radius:4px;border:1px solid #2f6fdb;background:#2f6fdb;color:#fff;font:inherit;font-size:14px;cursor:pointer;&:disabled{opacity:.5;cursor:default;}",
  "Button",
);
export const secondaryButton = css(
  "height:34px;padding:0 14px;border-radius:4px;border:1px solid #c4cdd5;background:#fff;color:#1b2733;font:inherit;font-size:14px;cursor:pointer;",
  "Button",
);
export const errorText = css("color:#c62828;font-size:13px;margin:4px 0 0;", "Error");

/** `<label for=id>` + control, on one row. */
export function Field(props: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class={fieldRow}>
      <label for={props.id} class={labelClass}>
        {props.label}
      </label>
      <div>{props.children}</div>
    </div>
  );
}

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  readOnly?: boolean;
}) {
  return (
    <Field id={props.id} label={props.label}>
      <input
        id={props.id}
        name={props.id}
        type="text"
        class={inputClass}
        value={props.value}
        readOnly={props.readOnly}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}
