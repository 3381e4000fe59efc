import { describe, expect, it } from "vitest";
import {
  type ExportElement,
  jsonExportElements,
  type ScanOptions,
} from "../src/audit/json-export-elements.js";

async function elements(
  text: string,
  chunkBytes: number,
  options: ScanOptions & { reuse?: boolean } = {},
): Promise<ExportElement[]> {
  const bytes = Buffer.from(text, "utf8");
  const reused = Buffer.alloc(chunkBytes);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkBytes) {
      const chunk = bytes.subarray(i, i + chunkBytes);
      // As the audit reads a file: every chunk into the same memory.
      if (options.reuse) yield reused.subarray(0, chunk.copy(reused));
      else yield chunk;
    }
  }
  const out: ExportElement[] = [];
  for await (const element of jsonExportElements(chunks(), options)) out.push(element);
  return out;
}

const EXPORT = [
  '\uFEFF{"meta": {"note": "a } and a ] in a string, \\"quoted\\""},',
  '"users": [',
  '{"basicInfo": {"userId": "ü-1", "firstName": "Zoë \\\\ \\"Z\\""}},',
  '  {"basicInfo": {"userId": "u2"}, "serviceInfo": {"extensions": [{"phoneNumbers": []}]}}',
  "],",
  '"phone-numbers": [{"phoneNumber": "+14155550101"}, 5]',
  "}",
].join("\n");

describe("the export's elements, as the bytes stream in", () => {
  it("reads the same elements, on the same lines, however the file is cut into chunks", async () => {
    const whole = await elements(EXPORT, EXPORT.length * 4);
    expect(whole).toEqual([
      { list: "users", line: 3, text: '{"basicInfo": {"userId": "ü-1", "firstName": "Zoë \\\\ \\"Z\\""}}' },
      {
        list: "users",
        line: 4,
        text: '{"basicInfo": {"userId": "u2"}, "serviceInfo": {"extensions": [{"phoneNumbers": []}]}}',
      },
      { list: "phoneNumbers", line: 6, text: '{"phoneNumber": "+14155550101"}' },
      { list: "phoneNumbers", line: 6, text: "5" },
    ]);
    for (const size of [1, 2, 3, 7, 64])
      expect(await elements(EXPORT, size), `chunks of ${size}`).toEqual(whole);
    for (const size of [1, 7, 64])
      expect(await elements(EXPORT, size, { reuse: true }), `one buffer, chunks of ${size}`).toEqual(whole);
  });

  it("hands over only the lists asked for, and reports an element over the limit by its line", async () => {
    expect((await elements(EXPORT, 5, { lists: ["phoneNumbers"] })).map((e) => e.list)).toEqual([
      "phoneNumbers",
      "phoneNumbers",
    ]);
    const long = `[{"a": 1},\n{"name": "${"x".repeat(500)}"},\n{"b": 2}]`;
    for (const size of [16, 4096])
      expect(await elements(long, size, { maxElementChars: 100 })).toEqual([
        { list: "users", line: 1, text: '{"a": 1}' },
        { list: "users", line: 2, problem: "longer than 100 characters" },
        { list: "users", line: 3, text: '{"b": 2}' },
      ]);
  });

  it("says where a cut-short export ends, and what is not an export", async () => {
    expect(await elements('[{"a": 1},\n{"b": [', 3)).toEqual([
      { list: "users", line: 1, text: '{"a": 1}' },
      { list: "users", line: 2, problem: "the file ends inside this element: the export is cut short" },
    ]);
    expect(await elements("  hello", 2)).toEqual([
      { list: undefined, line: 1, problem: "not an Administration API export: expected [ or { first" },
    ]);
  });
});
