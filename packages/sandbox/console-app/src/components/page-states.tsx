import { css, globalCss } from "../css.js";

globalCss("@keyframes spin{to{transform:rotate(360deg)}}");

const spinner = css(
  "width:28px;height:28px;margin:48px auto;border-radius:50%;border:3px solid #dfe3e8;border-top-color:#2f6fdb;animation:spin 0.8s linear infinite;",
  "Spinner",
);
const errorBox = css(
  "margin:24px;padding:16px;border:1px solid #f3c1c1;background:#fdf2f2;border-radius:6px;color:#8c1d1d;",
);

export function Loading() {
  return <div role="progressbar" aria-label="Loading" class={spinner} />;
}

export function LoadError(props: { message: string }) {
  return (
    <div role="alert" class={errorBox}>
      {props.message}
    </div>
  );
}
