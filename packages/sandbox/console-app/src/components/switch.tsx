import { css } from "../css.js";

const wrapper = css("display:inline-flex;align-items:center;gap:8px;font-size:13px;color:#4a5866;");
const track = css(
  "position:relative;width:36px;height:20px;& input{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer;}& span{position:absolute;inset:0;pointer-events:none;border-radius:10px;background:#c4cdd5;transition:background .15s;}& span::after{content:'';position:absolute;top:2px;left:2px;width:16px;height:16px;border-radius:50%;background:#fff;transition:left .15s;}& input:checked+span{background:#2f6fdb;}& input:checked+span::after{left:18px;}",
  "Switch",
);

/** The SMS switch: `input[type=checkbox][role=switch]` whose accessible name is "SMS Enabled" or "SMS Disabled". */
export function SmsSwitch(props: { checked: boolean; onChange: (checked: boolean) => void }) {
  const label = props.checked ? "SMS Enabled" : "SMS Disabled";
  return (
    <span class={wrapper}>
      <span class={track}>
        <input
          type="checkbox"
          role="switch"
          aria-label={label}
          aria-checked={props.checked}
          checked={props.checked}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <span />
      </span>
      <span aria-hidden="true">{label}</span>
    </span>
  );
}
