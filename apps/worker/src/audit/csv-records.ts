import { Readable } from "node:stream";
import { type CsvError, type Options, parse } from "csv-parse";

/** One CSV record, or why it could not be read; `line` is where the record starts (1-based). */
export type CsvRecord = { line: number; fields: string[] } | { line: number; problem: string };

export interface CsvOptions {
  /** A record longer than this is reported and skipped. */
  maxRecordChars?: number;
}

/** csv-parse's error codes in the words the audit report uses. */
const PROBLEMS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: "text after a closing quote",
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
};

/**
 * Reads RFC 4180 CSV (quoted fields may hold commas, quotes ("") and line breaks) with csv-parse,
 * streaming: records come out as the text comes in. A broken record is reported with its line and
 * skipped; the others are read. Lines end with LF, CRLF or CR; blank lines are passed over; a stray
 * quote inside an unquoted field is kept as text, as people's spreadsheets write them.
 */
export async function* csvRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxChars = options.maxRecordChars ?? 64 * 1024;
  // Where the next record starts: one past where the last one (read or skipped) ended. Counted as the
  // parser goes (on_record and "skip" run in file order), since a record's own info gives its end.
  let lastEnd = 0;
  const settings: Options<CsvRecord, string[]> = {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    record_delimiter: ["\r\n", "\n", "\r"],
    // (csv-parse's max_record_size would stop the whole parse at the first long record when
    // records with errors are skipped; the length is checked below instead.)
    on_record: (fields, context) => {
      const line = lastEnd + 1;
      lastEnd = context.lines;
      if (fields.length === 1 && fields[0] === "") return null; // blank line
      if (fields.reduce((n, f) => n + f.length, 0) > maxChars)
        return { line, problem: `the row is longer than ${maxChars} characters` };
      return { line, fields };
    },
  };
  // (parse's overloads type on_record only together with `columns`; this one keeps arrays.)
  const parser = parse(settings as unknown as Options);
  const problems: CsvRecord[] = [];
  parser.on("skip", (error: CsvError & { lines?: number }) => {
    const line = lastEnd + 1;
    lastEnd = error.lines ?? lastEnd;
    problems.push({ line, problem: PROBLEMS[error.code] ?? error.message });
  });
  const input = Readable.from(chunks);
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  for await (const record of parser as AsyncIterable<CsvRecord>) {
    // A skipped record is told when the parser meets it: put it back in its place in the file.
    while (problems.length > 0 && problems[0]!.line < record.line) yield problems.shift()!;
    yield record;
  }
  yield* problems;
}
