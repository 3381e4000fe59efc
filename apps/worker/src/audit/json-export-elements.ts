/** Which list of the export an element belongs to. */
export type ExportList = "users" | "phoneNumbers";

/** One element of a list in the export, still as text, or why the file could not be read there. */
export type ExportElement =
  | { list: ExportList; line: number; text: string }
  | { list: ExportList | undefined; line: number; problem: string };

/** Keys of the export's top-level object that hold users or numbers (GET /users pages use `data`). */
const LISTS: Record<string, ExportList> = {
  users: "users",
  data: "users",
  phoneNumbers: "phoneNumbers",
  "phone-numbers": "phoneNumbers",
};

export interface ScanOptions {
  /** An element longer than this is reported and skipped (a hostile export can't exhaust memory). */
  maxElementChars?: number;
}

/**
 * Splits an Administration API export into its users and numbers without parsing the whole file at
 * once: the export is `[user, …]`, a `GET /users` page `{ data: [...] }`, or
 * `{ users: [...], phoneNumbers: [...] }`. Each element keeps the line it starts on, so a broken user
 * is reported where it is and the others are still audited.
 */
export function* jsonExportElements(text: string, options: ScanOptions = {}): Generator<ExportElement> {
  const maxChars = options.maxElementChars ?? 256 * 1024;
  let i = skipSpace(text, 0);
  let line = 1 + countLines(text, 0, i);
  const first = text[i];
  if (first !== "[" && first !== "{") {
    yield { list: undefined, line, problem: "not an Administration API export: expected [ or { first" };
    return;
  }
  let depth = 0;
  let inString = false;
  /** The top-level key whose value is being read, when the top level is an object. */
  let key: string | undefined;
  let keyStart = -1;
  let list: ExportList | undefined = first === "[" ? "users" : undefined;
  /** Depth of the list's elements while inside a list we read. */
  let listDepth = -1;
  let elementStart = -1;
  let elementLine = 0;

  const endElement = (end: number): ExportElement | undefined => {
    if (elementStart < 0) return undefined;
    const start = elementStart;
    elementStart = -1;
    if (end - start > maxChars)
      return { list, line: elementLine, problem: `longer than ${maxChars} characters` };
    return { list: list!, line: elementLine, text: text.slice(start, end) };
  };

  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (inString) {
      if (c === 92)
        i++; // backslash: the next character is escaped
      else if (c === 34) {
        inString = false;
        if (keyStart >= 0) {
          key = text.slice(keyStart, i);
          keyStart = -1;
        }
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (listDepth > 0 && depth === listDepth && elementStart < 0 && c !== 44 && c !== 93) {
      elementStart = i;
      elementLine = line;
    }
    if (c === 34) {
      inString = true;
      // A string directly in the top-level object, before its colon, is a key.
      if (depth === 1 && first === "{" && listDepth < 0) keyStart = i + 1;
    } else if (c === 123 || c === 91) {
      depth++;
      if (c === 91 && listDepth < 0 && (depth === 1 ? first === "[" : depth === 2 && key && LISTS[key])) {
        if (depth === 2) list = LISTS[key!];
        listDepth = depth;
      }
    } else if (c === 125 || c === 93) {
      if (depth === listDepth && c === 93) {
        const element = endElement(i);
        if (element) yield element;
        listDepth = -1;
        key = undefined;
      }
      depth--;
      if (depth === listDepth && elementStart >= 0) {
        const element = endElement(i + 1);
        if (element) yield element;
      }
      if (depth < 0) {
        yield { list, line, problem: "a closing bracket with nothing open" };
        return;
      }
    } else if (c === 44) {
      if (depth === listDepth) {
        const element = endElement(i);
        if (element) yield element;
      } else if (depth === 1 && listDepth < 0) key = undefined;
    }
  }
  if (elementStart >= 0)
    yield { list, line: elementLine, problem: "the file ends inside this element: the export is cut short" };
  else if (depth > 0 || inString)
    yield { list, line, problem: "the file ends before its last bracket: the export is cut short" };
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
