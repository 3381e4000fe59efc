/** Chrome's own Set, aliased over dom-accessibility-api's ES5 SetLike in vite.config.ts. */
export default Set;
