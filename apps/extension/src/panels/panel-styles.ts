/**
 * The panels' only stylesheet, inside their shadow root (panel-styles.css). `all: initial` on the host (important,
 * which wins over the page's important rules for a shadow host) cuts every inherited console style; the rest is
 * ours. Imported as a string that Vite minifies at build; the background hands it to the content script
 * (`panel-styles` message, mount-panel.ts), which has a 20 kB gzip budget.
 */
import panelStyles from "./panel-styles.css?inline";

export { panelStyles };
