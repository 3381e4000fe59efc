/** One CSV record, or why it could not be read; `line` is where the record starts (1-based). */
export type CsvRecord = { line: number; fields: string[] } | { line: number; problem: string };

export interface CsvOptions {
  /** A record longer than this is reported and skipped, so one hostile row can't exhaust memory. */
  maxRecordChars?: number;
}

/**
 * Reads RFC 4180 CSV from a stream of text chunks: quoted fields may hold commas, quotes ("") and
 * line breaks. One pass, character by character, so 100 000 rows take a fraction of a second.
 */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxChars = options.maxRecordChars ?? 64 * 1024;
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  /** After a closing quote: the next character must end the field. */
  let afterQuote = false;
  let problem: string | undefined;
  let recordChars = 0;
  let line = 1;
  let recordLine = 1;
  let pendingQuote = false; // a quote ended a chunk: it may be the first half of ""
  let afterCr = false; // a CR ended the last record: a LF right after it belongs to it

  const finish = (): CsvRecord | undefined => {
    fields.push(field);
    const record: CsvRecord | undefined = problem
      ? { line: recordLine, problem }
      : fields.length === 1 && fields[0] === ""
        ? undefined // blank line
        : { line: recordLine, fields };
    fields = [];
    field = "";
    problem = undefined;
    recordChars = 0;
    afterQuote = false;
    return record;
  };

  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (afterCr) {
        afterCr = false;
        if (c === 10) continue;
      }
      if (pendingQuote) {
        pendingQuote = false;
        if (c === 34) {
          field += '"';
          continue;
        }
        quoted = false;
        afterQuote = true;
      }
      if (quoted) {
        if (c === 34) {
          if (i + 1 === chunk.length) {
            pendingQuote = true;
            continue;
          }
          if (chunk.charCodeAt(i + 1) === 34) {
            if (!problem) field += '"';
            i++;
            continue;
          }
          quoted = false;
          afterQuote = true;
          continue;
        }
        if (c === 10) line++;
        if (!problem) {
          field += chunk[i];
          if (++recordChars > maxChars) problem = `the row is longer than ${maxChars} characters`;
        }
        continue;
      }
      if (c === 44) {
        fields.push(field);
        field = "";
        afterQuote = false;
        continue;
      }
      if (c === 10 || c === 13) {
        afterCr = c === 13;
        const record = finish();
        line++;
        recordLine = line;
        if (record) yield record;
        continue;
      }
      if (c === 34 && field === "" && !afterQuote) {
        quoted = true;
        continue;
      }
      if (afterQuote && !problem) problem = "text after a closing quote";
      if (!problem) {
        field += chunk[i];
        if (++recordChars > maxChars) problem = `the row is longer than ${maxChars} characters`;
      }
    }
  }
  if (pendingQuote) quoted = false;
  if (quoted && !problem) problem = "a quoted field is never closed";
  if (field !== "" || fields.length > 0 || problem) {
    const record = finish();
    if (record) yield record;
  }
}
