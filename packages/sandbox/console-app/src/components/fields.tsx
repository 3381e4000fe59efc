import type { ComponentChildren } from "preact";
import { css } from "../css.js";
import { labelStyle, labelText } from "../markup.js";

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

/** The `aria-labelledby` target of a field whose label is a plain element (`labelledby` variant). */
const labelIdOf = (id: string, labelId?: string) => labelId ?? `${id}-label`;

/**
 * What a control carries to be named by its field's label in this session's markup: nothing for `<label for>`
 * and wrapping labels, `aria-labelledby` or `aria-label` in those variants. Spread it onto the control.
 */
export function controlLabelProps(
  id: string,
  label: string,
  labelId?: string,
): { "aria-labelledby"?: string; "aria-label"?: string } {
  if (labelStyle === "labelledby") return { "aria-labelledby": labelIdOf(id, labelId) };
  if (labelStyle === "aria-label") return { "aria-label": labelText(label) };
  return {};
}

/**
 * A label and its control on one row, labelled the session's way (markup.ts): `<label for=id>` by default; a
 * `<div id=…-label>` (react-select's aria-labelledby), no label at all (aria-label), or a `<label>` wrapping the
 * control. The control itself must spread `controlLabelProps`. `aside` (a button beside the control) stays
 * outside a wrapping label, so it is not part of the control's name. `unwrapped`: the control sits directly in
 * the row, without the default `<div>` around it (react-select's container).
 */
export function Field(props: {
  id: string;
  label: string;
  labelId?: string;
  aside?: ComponentChildren;
  unwrapped?: boolean;
  children: ComponentChildren;
}) {
  const text = labelText(props.label);
  const control = (withAside: boolean) => {
    const inner =
      withAside && props.aside !== undefined ? (
        <div class={inline()}>
          {props.children}
          {props.aside}
        </div>
      ) : (
        props.children
      );
    return props.unwrapped ? inner : <div>{inner}</div>;
  };
  if (labelStyle === "labelledby")
    return (
      <div class={fieldRow}>
        <div id={labelIdOf(props.id, props.labelId)} class={labelClass}>
          {text}
        </div>
        {control(true)}
      </div>
    );
  if (labelStyle === "aria-label")
    return (
      <div class={fieldRow}>
        <span aria-hidden="true" />
        {control(true)}
      </div>
    );
  if (labelStyle === "wrapping") {
    const label = (
      // The listbox of a dropdown is labelled by id, so a wrapping label keeps the id a `<label for>` had.
      // biome-ignore lint/a11y/noLabelWithoutControl: the control is nested inside, through `children`
      <label id={props.labelId} class={fieldRow}>
        <span class={labelClass}>{text}</span>
        {control(false)}
      </label>
    );
    return props.aside === undefined ? (
      label
    ) : (
      <div class={inline()}>
        {label}
        {props.aside}
      </div>
    );
  }
  return (
    <div class={fieldRow}>
      <label for={props.id} id={props.labelId} class={labelClass}>
        {text}
      </label>
      {control(true)}
    </div>
  );
}

/** A control and a button beside it. Made on first use, so the default markup's style sheet is unchanged. */
const inline = () => css("display:flex;gap:8px;align-items:center;");

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
        {...controlLabelProps(props.id, props.label)}
      />
    </Field>
  );
}
