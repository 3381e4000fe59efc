/** Styles of the extension's own pages (popup, options); the in-console panels have their own. */
export const pageStyles = `
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1f2328; }
.popup { width: 320px; padding: 12px 16px; }
.options { max-width: 640px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 18px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
label { display: block; margin: 8px 0 2px; font-weight: 600; }
input[type=url], input[type=password] { width: 100%; box-sizing: border-box; padding: 6px 8px; font: inherit; }
button { font: inherit; padding: 4px 12px; margin: 8px 8px 0 0; }
.verdict { font-weight: 600; }
.verdict[data-verdict="cannot-send"] { color: #cf222e; }
.verdict[data-verdict="can-send"] { color: #1a7f37; }
.verdict[data-verdict="pending"] { color: #9a6700; }
.meta { color: #57606a; font-size: 13px; }
[role=status] { min-height: 1.4em; }
`;
