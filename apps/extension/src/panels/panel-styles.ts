/**
 * The panels' only stylesheet, inside their shadow root. `all: initial` on the host (important, which wins over
 * the page's important rules for a shadow host) cuts every inherited console style; the rest is ours.
 */
export const panelStyles = `
:host {
  all: initial !important;
  display: block !important;
  box-sizing: border-box !important;
  margin: 16px 0 !important;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important;
  color: #1f2328 !important;
  contain: content;
}
:host([data-sms-doctor-badge]) { display: inline-block !important; margin: 0 0 0 6px !important; vertical-align: middle !important; }
*, *::before, *::after { box-sizing: border-box; }
.panel { border: 1px solid #d0d7de; border-radius: 8px; background: #fff; overflow: hidden; }
.panel[data-tone="bad"] { border-left: 6px solid #cf222e; }
.panel[data-tone="wait"] { border-left: 6px solid #bf8700; }
.panel[data-tone="good"] { border-left: 6px solid #1a7f37; }
.panel[data-tone="unknown"] { border-left: 6px solid #6e7781; }
.header { display: flex; align-items: center; gap: 8px; width: 100%; padding: 10px 14px; border: 0; background: #f6f8fa;
  font: inherit; color: inherit; text-align: left; cursor: pointer; }
.header:focus-visible, a:focus-visible, button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.brand { font-weight: 600; }
.verdict { font-weight: 600; }
.chevron { margin-left: auto; transition: transform .15s; }
.header[aria-expanded="false"] .chevron { transform: rotate(-90deg); }
.body { padding: 12px 14px 14px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
h3:first-child { margin-top: 0; }
h4 { font-size: 14px; margin: 0 0 4px; }
p { margin: 4px 0; }
ol, ul { margin: 4px 0; padding-left: 22px; }
.findings { list-style: none; padding: 0; margin: 0; }
.finding { border: 1px solid #d8dee4; border-radius: 6px; padding: 10px 12px; margin: 8px 0; }
.tag { display: inline-block; font-size: 12px; border-radius: 10px; padding: 0 8px; margin-left: 6px; background: #eaeef2; }
.tag[data-certainty="confirmed"] { background: #ffebe9; color: #82071e; }
.tag[data-certainty="likely"] { background: #fff8c5; color: #6c4a00; }
.meta { color: #57606a; font-size: 13px; }
.evidence { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
dt { color: #57606a; }
dd { margin: 0; }
.actions { display: flex; gap: 8px; align-items: center; margin-top: 12px; }
button.action { font: inherit; padding: 4px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; color: inherit; cursor: pointer; }
a { color: #0969da; }
.problem { color: #82071e; }
.badge { display: inline-block; font: 600 11px/16px system-ui, sans-serif; padding: 0 6px; border-radius: 8px; color: #fff; background: #cf222e; }
.badge[data-verdict="pending"] { background: #9a6700; }
.badge[data-verdict="unknown"] { background: #6e7781; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
