/** Chrome's own Array.from, aliased over dom-accessibility-api's ES5 polyfill in vite.config.ts. */
export default Array.from;
