import { useMemo, useRef, useState } from "preact/hooks";
import { css } from "../css.js";
import { labelStyle, labelText } from "../markup.js";
import { controlLabelProps, Field } from "./fields.js";

/** Like react-select, every instance gets the next number: ids such as `react-select-8-input` vary by page. */
let instances = 0;

const container = css("position:relative;max-width:420px;", "container");
const control = css(
  "display:flex;align-items:center;min-height:34px;border:1px solid #c4cdd5;border-radius:4px;background:#fff;cursor:default;",
  "control",
);
const valueContainer = css("display:grid;flex:1;padding:2px 8px;position:relative;", "ValueContainer");
const singleValue = css(
  "grid-area:1/1/2/3;color:#1b2733;font-size:14px;white-space:nowrap;overflow:hidden;",
  "singleValue",
);
const placeholderClass = css("grid-area:1/1/2/3;color:#8a96a3;font-size:14px;", "placeholder");
const inputContainer = css("grid-area:1/1/2/3;", "Input");
const inputClass = css(
  "border:0;outline:0;background:transparent;font:inherit;font-size:14px;width:100%;padding:0;",
);
const indicators = css("display:flex;align-items:center;padding:0 6px;color:#8a96a3;", "IndicatorsContainer");
const menu = css(
  "position:absolute;top:100%;left:0;right:0;z-index:10;background:#fff;border:1px solid #c4cdd5;border-radius:4px;margin-top:4px;max-height:240px;overflow:auto;box-shadow:0 4px 12px rgba(0,0,0,.1);",
  "menu",
);
const option = css("padding:8px 12px;font-size:14px;cursor:pointer;&:hover{background:#eef4fd;}", "option");

/**
 * A react-select-like combobox: `<label for="react-select-N-input">`, an `input[role=combobox]`, and the
 * selected value shown in a sibling single-value div ("Select..." when empty). The label follows the session's
 * markup variant (Field); with `labelledby` it is react-select's own pattern, `aria-labelledby` on the input.
 */
export function SelectControl(props: {
  label: string;
  value: string | null;
  options: string[];
  onChange: (value: string | null) => void;
  clearable?: boolean;
  name?: string;
}) {
  const id = useMemo(() => `react-select-${++instances}`, []);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const visible = props.options.filter((o) => o.toLowerCase().includes(typed.toLowerCase()));
  const choose = (value: string | null) => {
    props.onChange(value);
    setTyped("");
    setOpen(false);
  };
  return (
    <Field id={`${id}-input`} labelId={`${id}-label`} label={props.label} unwrapped>
      <div class={container}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: react-select's control takes clicks; the combobox input is the accessible part */}
        <div
          class={control}
          onMouseDown={(e) => {
            e.preventDefault();
            setOpen(!open);
            inputRef.current?.focus();
          }}
        >
          <div class={valueContainer}>
            {typed === "" &&
              (props.value ? (
                <div class={singleValue}>{props.value}</div>
              ) : (
                <div class={placeholderClass} id={`${id}-placeholder`}>
                  Select...
                </div>
              ))}
            <div class={inputContainer} data-value={typed}>
              <input
                ref={inputRef}
                id={`${id}-input`}
                name={props.name}
                role="combobox"
                type="text"
                aria-expanded={open}
                aria-haspopup="true"
                aria-autocomplete="list"
                aria-controls={open ? `${id}-listbox` : undefined}
                aria-describedby={props.value ? undefined : `${id}-placeholder`}
                autocomplete="off"
                autocapitalize="none"
                spellcheck={false}
                class={inputClass}
                {...controlLabelProps(`${id}-input`, props.label, `${id}-label`)}
                value={typed}
                onInput={(e) => {
                  setTyped(e.currentTarget.value);
                  setOpen(true);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && open && visible[0]) {
                    e.preventDefault();
                    choose(visible[0]);
                  } else if (e.key === "Escape") setOpen(false);
                  else if (e.key === "ArrowDown") setOpen(true);
                }}
                onBlur={() => {
                  setOpen(false);
                  setTyped("");
                }}
              />
            </div>
          </div>
          <div class={indicators}>
            {props.clearable && props.value && (
              // react-select's clear indicator: an aria-hidden div, reached by mouse only.
              <div
                aria-hidden="true"
                data-action="clear"
                onMouseDown={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  choose(null);
                }}
              >
                ×
              </div>
            )}
            <span aria-hidden="true">▾</span>
          </div>
        </div>
        {open && (
          <div
            class={menu}
            id={`${id}-listbox`}
            role="listbox"
            // Without label elements (aria-label variant) there is no label id to point to.
            {...(labelStyle === "aria-label"
              ? { "aria-label": labelText(props.label) }
              : { "aria-labelledby": `${id}-label` })}
          >
            {visible.length === 0 && <div class={option}>No options</div>}
            {visible.map((o) => (
              // biome-ignore lint/a11y/useFocusableInteractive: options are reached through the combobox (aria-activedescendant), as in react-select
              <div
                key={o}
                role="option"
                aria-selected={o === props.value}
                class={option}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(o);
                }}
              >
                {o}
              </div>
            ))}
          </div>
        )}
      </div>
    </Field>
  );
}
