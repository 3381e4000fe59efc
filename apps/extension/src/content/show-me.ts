/**
 * "Show me": scrolls to the control a resolution step names and outlines it for a few seconds. The outline is
 * SMS Doctor's own element (a panel host fixed over the control, following it while the page scrolls); the
 * console's nodes are only found and scrolled into view, never changed, focused, clicked or submitted.
 */
import { findControl, findSection } from "../console/dom";
import { readNumberRows } from "../console/read-number-list";
import { digits } from "../console/read-user-profile";
import type { PageControl } from "../messaging/messages";
import { mountPanel } from "../panels/mount-panel";

/** The control on the page now, found as the readers find things; null when it isn't there. */
export function findPageControl(control: PageControl): Element | null {
  const section = findSection(document, control.section);
  if (!section) return null;
  if (control.number) {
    const row = readNumberRows(section).find((row) => digits(row.number) === digits(control.number ?? ""));
    return row ? (row.toggle ?? row.element) : null;
  }
  return findControl(section, control.names ?? []);
}

let outlined: AbortController | undefined;

/** Shows the control; false when it isn't on the page. */
export function showMe(control: PageControl): boolean {
  const target = findPageControl(control);
  if (!target) return false;
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  // A switch or a dropdown's input is often a few pixels wide inside the box people see: outline that box.
  let box = target;
  while (box.parentElement && box.parentElement !== document.body) {
    const { width, height } = box.getBoundingClientRect();
    if (width >= 24 && height >= 12) break;
    box = box.parentElement;
  }
  outlined?.abort();
  const done = new AbortController();
  outlined = done;
  const { host } = mountPanel("outline", { anchor: document.body, where: "prepend" }, done.signal);
  host.setAttribute("aria-hidden", "true");
  // Outlined for three seconds.
  const end = performance.now() + 3000;
  const follow = () => {
    if (done.signal.aborted) return;
    if (performance.now() > end) return done.abort();
    const { left, top, width, height } = box.getBoundingClientRect();
    host.style.cssText = `--x:${left}px;--y:${top}px;--w:${width}px;--h:${height}px`;
    requestAnimationFrame(follow);
  };
  follow();
  return true;
}
