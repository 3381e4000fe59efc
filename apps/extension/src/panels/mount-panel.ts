/**
 * Puts a Preact tree into a shadow-root host placed next to a console element. The console's own nodes are never
 * changed: the host is a sibling. A host left by an earlier run (or an earlier copy of the content script) is
 * replaced, so a panel is never duplicated; aborting the signal removes it.
 */
import { type ComponentChild, render } from "preact";
import type { Placement } from "../console/read-user-profile";
import { send } from "../messaging/send";

export type PanelKind = "user" | "sms-page" | "sms-change" | "outline";

export interface MountedPanel {
  host: HTMLElement;
  render(tree: ComponentChild): void;
  /** Mirrors the verdict and state on the host for tests and for the console's own devtools users. */
  setState(state: "reading" | "waiting" | "ready" | "unreadable" | "error", verdict?: string): void;
  /** Moves the panel when the console element it belongs next to has changed (a section rendered late). */
  place(placement: Placement): void;
}

const HOST_TAG = "sms-doctor-panel";

let styles: Promise<string> | undefined;
/**
 * The panels' stylesheet (panel-styles.css), asked of the background once per page load: it is 1 kB of the
 * content script's 20 kB gzip budget, and the background holds it as it holds the panels' words. index.ts asks
 * at start, so it has arrived before the console has rendered anything to put a panel next to. Without an
 * answer the panels show unstyled rather than not at all.
 */
export const loadPanelStyles = (): Promise<string> =>
  (styles ??= send({ type: "panel-styles" }).catch(() => ""));

function createShadowHost(tag: string): { host: HTMLElement; mountPoint: HTMLElement } {
  const host = document.createElement(tag);
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  // Hidden until its stylesheet has come: a panel never shows in the page's styles, even for a moment.
  style.textContent = ":host{display:none!important}";
  void loadPanelStyles().then((css) => {
    style.textContent = css;
  });
  const mountPoint = document.createElement("div");
  shadow.append(style, mountPoint);
  return { host, mountPoint };
}

/** Unmounts the Preact tree (running its cleanups) and removes the host when the page is left. */
function removeOnAbort(host: HTMLElement, mountPoint: HTMLElement, signal: AbortSignal): void {
  signal.addEventListener(
    "abort",
    () => {
      render(null, mountPoint);
      host.remove();
    },
    { once: true },
  );
}

export function mountPanel(kind: PanelKind, placement: Placement, signal: AbortSignal): MountedPanel {
  for (const stale of Array.from(document.querySelectorAll(`[data-sms-doctor-panel="${kind}"]`)))
    stale.remove();
  const { host, mountPoint } = createShadowHost(HOST_TAG);
  host.dataset.smsDoctorPanel = kind;
  let placed: Placement | undefined;
  const place = (next: Placement) => {
    if (placed && placed.anchor === next.anchor && placed.where === next.where && host.isConnected) return;
    placed = next;
    if (next.where === "after") next.anchor.after(host);
    else if (next.where === "before") next.anchor.before(host);
    else next.anchor.prepend(host);
  };
  place(placement);
  removeOnAbort(host, mountPoint, signal);
  return {
    host,
    place,
    render: (tree) => render(tree, mountPoint),
    setState(state, verdict) {
      host.dataset.state = state;
      if (verdict) host.dataset.verdict = verdict;
      else delete host.dataset.verdict;
    },
  };
}

/** A small badge host placed right after a console element (a Users list link). */
export function mountBadge(
  anchor: Element,
  signal: AbortSignal,
): { host: HTMLElement; render(tree: ComponentChild): void } {
  const next = anchor.nextElementSibling;
  if (next?.hasAttribute("data-sms-doctor-badge")) next.remove();
  const { host, mountPoint } = createShadowHost("sms-doctor-badge");
  host.setAttribute("data-sms-doctor-badge", "");
  anchor.after(host);
  removeOnAbort(host, mountPoint, signal);
  return { host, render: (tree) => render(tree, mountPoint) };
}
