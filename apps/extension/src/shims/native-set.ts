/** See native-array-from.ts: the library's Set polyfill, replaced by the native Set. */
export default Set;
