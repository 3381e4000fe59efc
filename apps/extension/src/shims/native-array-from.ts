/**
 * dom-accessibility-api ships polyfills for Array.from and Set for old browsers; Chromium (the extension's only
 * target, chrome120+) has both. vite.config.ts points the library's polyfill imports here, which keeps about
 * 1 kB gzip out of the content script's 20 kB budget.
 */
export default Array.from;
