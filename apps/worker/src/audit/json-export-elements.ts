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
  /** An element longer than this (in bytes) is reported and skipped: a hostile export can't exhaust memory. */
  maxElementChars?: number;
  /** The lists whose elements are wanted (default both); the others are only stepped over. */
  lists?: readonly ExportList[];
}

const BOM = [0xef, 0xbb, 0xbf];
const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Splits an Administration API export into its users and numbers as the bytes stream in, holding one
 * element at a time (memory stays flat however large the file): the export is `[user, …]`, a
 * `GET /users` page `{ data: [...] }`, or `{ users: [...], phoneNumbers: [...] }`. Each element
 * keeps the line it starts on and is handed over as text for `JSON.parse`, so a broken user is
 * reported where it is and the others are still audited.
 *
 * Why not stream-json or @streamparser/json: both stop at the first syntax error, and the audit must
 * name a broken user by line and read on; and on this machine they read 6.5 MB/s
 * (@streamparser/json) and 3 MB/s (stream-json) against several times that for this scan plus the
 * platform's JSON.parse, which keeps a JSON export within 2× of CSV's rows/s (bench/audit.bench.ts).
 * A chunk is read only until the next one is asked for: the source may reuse its memory.
 * Only the structure is scanned here (brackets, strings, commas: the bytes JSON.parse then checks).
 */
export async function* jsonExportElements(
  chunks: AsyncIterable<Buffer>,
  options: ScanOptions = {},
): AsyncGenerator<ExportElement> {
  const maxBytes = options.maxElementChars ?? 256 * 1024;
  const wanted = new Set(options.lists ?? ["users", "phoneNumbers"]);
  let line = 1;
  /** The first significant byte: `[` or `{` (0 until seen). */
  let first = 0;
  let atFileStart = true;
  let leadingBytes = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** The top-level key being read, when the top level is an object (bytes collected across chunks). */
  let keyParts: Buffer[] | undefined;
  let keyStart = 0;
  let key: string | undefined;
  let list: ExportList | undefined;
  /** Depth of the list's elements while inside a list we read; -1 outside. */
  let listDepth = -1;
  /** Where the current element starts in this chunk (0 when it began in an earlier one); -1 outside. */
  let elementStart = -1;
  let elementLine = 0;
  /** The current element's bytes from earlier chunks, when it is kept. */
  let carried: Buffer[] = [];
  let carriedBytes = 0;
  /** The current element is stepped over: another list, or too long (then reported). */
  let skipping = false;
  let tooLong = false;

  const startElement = (at: number): void => {
    elementStart = at;
    elementLine = line;
    carried = [];
    carriedBytes = 0;
    skipping = !wanted.has(list!);
    tooLong = false;
  };
  const endElement = (chunk: Buffer, end: number): ExportElement | undefined => {
    if (elementStart < 0) return undefined;
    const start = elementStart;
    elementStart = -1;
    if (tooLong) return { list, line: elementLine, problem: `longer than ${maxBytes} characters` };
    if (skipping) return undefined;
    if (carriedBytes + end - start > maxBytes)
      return { list, line: elementLine, problem: `longer than ${maxBytes} characters` };
    const text =
      carried.length === 0
        ? chunk.toString("utf8", start, end)
        : Buffer.concat([...carried, chunk.subarray(start, end)]).toString("utf8");
    carried = [];
    carriedBytes = 0;
    return { list: list!, line: elementLine, text };
  };

  for await (const chunk of chunks) {
    let i = 0;
    if (atFileStart) {
      // A byte-order mark, then spaces, then the export's first bracket.
      for (; i < chunk.length && first === 0; i++, leadingBytes++) {
        const c = chunk[i]!;
        if (leadingBytes < 3 && c === BOM[leadingBytes]) continue;
        if (c === NEWLINE) line++;
        else if (c === 32 || c === 9 || c === 13) continue;
        else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
          first = c;
          depth = 1;
          if (c === OPEN_BRACKET) {
            list = "users";
            listDepth = 1;
          }
        } else {
          yield { list: undefined, line, problem: "not an Administration API export: expected [ or { first" };
          return;
        }
      }
      if (first === 0) continue;
      atFileStart = false;
    }
    let nextNewline = -1;
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === NEWLINE) {
        line++;
        continue;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        // Most of an export's bytes are inside strings: jump to the closing quote (a native search)
        // rather than stepping through them. Measured: the scan took a quarter of the JSON audit.
        const close = closingQuote(chunk, i);
        const end = close === -1 ? chunk.length : close;
        if (nextNewline < i) {
          const found = chunk.indexOf(NEWLINE, i);
          nextNewline = found === -1 ? chunk.length : found;
        }
        // A raw line break in a string is not JSON (the element will say so), but lines stay right.
        if (nextNewline < end) for (let j = i; j < end; j++) if (chunk[j] === NEWLINE) line++;
        if (close === -1) {
          let backslashes = 0;
          for (let j = chunk.length - 1; j >= i && chunk[j] === BACKSLASH; j--) backslashes++;
          escaped = backslashes % 2 === 1;
          i = chunk.length;
          continue;
        }
        i = close;
        inString = false;
        if (keyParts) {
          keyParts.push(chunk.subarray(keyStart, i));
          key = Buffer.concat(keyParts).toString("utf8");
          keyParts = undefined;
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (listDepth > 0 && depth === listDepth && elementStart < 0 && c !== COMMA && c !== CLOSE_BRACKET)
        startElement(i);
      if (c === QUOTE) {
        inString = true;
        // A string directly in the top-level object, before its colon, is a key.
        if (depth === 1 && first === OPEN_BRACE && listDepth < 0) {
          keyParts = [];
          keyStart = i + 1;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
        if (c === OPEN_BRACKET && listDepth < 0 && depth === 2 && key && LISTS[key]) {
          list = LISTS[key];
          listDepth = depth;
        }
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === listDepth && c === CLOSE_BRACKET) {
          const element = endElement(chunk, i);
          if (element) yield element;
          listDepth = -1;
          key = undefined;
        }
        depth--;
        if (depth === listDepth && elementStart >= 0) {
          const element = endElement(chunk, i + 1);
          if (element) yield element;
        }
        if (depth < 0) {
          yield { list, line, problem: "a closing bracket with nothing open" };
          return;
        }
      } else if (c === COMMA) {
        if (depth === listDepth) {
          const element = endElement(chunk, i);
          if (element) yield element;
        } else if (depth === 1 && listDepth < 0) key = undefined;
      }
    }
    // The chunk ends inside an element or a key: keep what of it is wanted for the next chunk, copied
    // (the source may read the next chunk into the same memory).
    if (elementStart >= 0) {
      if (!skipping && !tooLong) {
        carriedBytes += chunk.length - elementStart;
        if (carriedBytes > maxBytes) {
          tooLong = true;
          carried = [];
        } else carried.push(Buffer.from(chunk.subarray(elementStart)));
      }
      elementStart = 0;
    }
    if (keyParts) {
      keyParts.push(Buffer.from(chunk.subarray(keyStart)));
      keyStart = 0;
    }
  }
  if (first === 0)
    yield { list: undefined, line, problem: "not an Administration API export: expected [ or { first" };
  else if (elementStart >= 0)
    yield { list, line: elementLine, problem: "the file ends inside this element: the export is cut short" };
  else if (depth > 0 || inString)
    yield { list, line, problem: "the file ends before its last bracket: the export is cut short" };
}

/** Where the string that continues at `from` (not just after a backslash) closes in this chunk; -1 if it doesn't. */
function closingQuote(chunk: Buffer, from: number): number {
  let search = from;
  for (;;) {
    const quote = chunk.indexOf(QUOTE, search);
    if (quote === -1) return -1;
    let backslashes = 0;
    for (let j = quote - 1; j >= from && chunk[j] === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    search = quote + 1;
  }
}
