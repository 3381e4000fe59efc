import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import {
  AdminApiPhoneNumberSchema,
  AdminApiUserSchema,
  firstIssueText as issueText,
  type UserSnapshot,
  UserSnapshotSchema,
} from "@sms-doctor/core";
import { adminUserSnapshot, PhoneNumberDirectory } from "../directory/admin-user-snapshot.js";
import { csvRecords } from "./csv-records.js";
import { jsonExportElements } from "./json-export-elements.js";

/**
 * A user read from the export, or a row that could not be, with where it is in the file. Phone
 * numbers are read to judge the users' numbers; one that can't be read is a problem of kind "number".
 */
export type AuditRow =
  | { line: number; snapshot: UserSnapshot }
  | { line: number; problem: string; kind?: "number" }
  | { line: number; phoneNumber: string };

export interface ReadExportOptions {
  /** When the export was taken: the snapshots' `observedAt` (default: the file's modification time). */
  observedAt?: string;
  /** Called now and then with the share of the file read so far (0..1). */
  onProgress?: (fraction: number) => void;
}

/** Reads a bulk export of users (Administration API JSON, or CSV) into snapshots, row by row, streaming. */
export async function* readUserExport(
  path: string,
  options: ReadExportOptions = {},
): AsyncGenerator<AuditRow> {
  const info = await stat(path);
  const observedAt = options.observedAt ?? info.mtime.toISOString();
  if (await looksLikeJson(path)) yield* jsonRows(path, info.size, observedAt, options.onProgress);
  else yield* csvRows(path, info.size, observedAt, options.onProgress);
}

async function looksLikeJson(path: string): Promise<boolean> {
  if (/\.json$/i.test(path)) return true;
  if (/\.csv$/i.test(path)) return false;
  for await (const chunk of createReadStream(path, { encoding: "utf8", start: 0, end: 1023 })) {
    const first = (chunk as string).replace(/^\uFEFF/, "").trimStart()[0];
    return first === "[" || first === "{";
  }
  return false;
}

/**
 * An Administration API export, in two streaming passes: the phone numbers first (they may come after
 * the users in the file, and judge the users' numbers), then each user as it is read. Only the numbers'
 * few judged fields are held between the passes, never the file or its users.
 */
async function* jsonRows(
  path: string,
  size: number,
  observedAt: string,
  onProgress: ((fraction: number) => void) | undefined,
): AsyncGenerator<AuditRow> {
  const numbers = new PhoneNumberDirectory();
  // Problems of the file as a whole (not an export, cut short) are told once, in the second pass.
  for await (const element of jsonExportElements(exportBytes(path), { lists: ["phoneNumbers"] })) {
    if ("problem" in element) {
      if (element.list === "phoneNumbers") yield { line: element.line, problem: element.problem };
      continue;
    }
    const json = parseJson(element.text);
    if ("problem" in json) {
      yield { line: element.line, problem: json.problem };
      continue;
    }
    const parsed = AdminApiPhoneNumberSchema.safeParse(json.value);
    if (parsed.success && parsed.data.phoneNumber) {
      const { phoneNumber, category, status, temporaryNumber, portingNumber } = parsed.data;
      numbers.add({ phoneNumber, category, status, temporaryNumber, portingNumber });
      yield { line: element.line, phoneNumber };
    } else
      yield {
        line: element.line,
        kind: "number",
        problem: `phone number: ${parsed.success ? "phoneNumber: missing" : issueText(parsed.error)}`,
      };
  }
  const read = { bytes: 0 };
  const stream = exportBytes(path, read);
  let users = 0;
  for await (const element of jsonExportElements(stream, { lists: ["users"] })) {
    if ("problem" in element) {
      if (element.list !== "phoneNumbers") yield { line: element.line, problem: element.problem };
      continue;
    }
    const { line } = element;
    const json = parseJson(element.text);
    if ("problem" in json) {
      yield { line, problem: json.problem };
      continue;
    }
    const parsed = AdminApiUserSchema.safeParse(json.value);
    if (!parsed.success) {
      yield { line, problem: issueText(parsed.error) };
      continue;
    }
    const projected = adminUserSnapshot(parsed.data, numbers, observedAt);
    if ("problem" in projected) yield { line, problem: `${projected.field}: ${projected.problem}` };
    else {
      const checked = UserSnapshotSchema.safeParse(projected);
      yield checked.success ? { line, snapshot: checked.data } : { line, problem: issueText(checked.error) };
    }
    if (onProgress && ++users % 1000 === 0) onProgress(read.bytes / Math.max(1, size));
  }
}

/**
 * The file in chunks of up to 1 MB, each read into the same buffer once the last one is done with. A new
 * buffer per chunk (a read stream) left them to the garbage collector, which the scan of the numbers
 * (few objects made) seldom runs: measured, 60 MB of read buffers waiting at 1 000 000 users, the most
 * the JSON audit's memory grew by once the directory was compact.
 */
async function* exportBytes(path: string, read = { bytes: 0 }): AsyncGenerator<Buffer> {
  const file = await open(path);
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      read.bytes += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/** The element's value, or why it is not JSON. */
function parseJson(text: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
}

/** CSV headers as people write them (case, spaces and punctuation ignored) → what they hold. */
const COLUMNS: Record<string, string> = {
  userid: "userId",
  id: "userId",
  user: "userId",
  name: "displayName",
  displayname: "displayName",
  fullname: "displayName",
  email: "email",
  primaryemail: "email",
  license: "license",
  licensename: "license",
  phonenumber: "phoneNumber",
  phone: "phoneNumber",
  primaryphonenumber: "phoneNumber",
  extension: "extensionNumber",
  extensionnumber: "extensionNumber",
  numbercategory: "numberCategory",
  category: "numberCategory",
  numberstatus: "numberStatus",
  smsnumber: "smsNumber",
  smsenabled: "smsEnabled",
  smsstatus: "smsStatus",
  site: "site",
  userstatus: "userStatus",
  accountstatus: "userStatus",
  observedat: "observedAt",
};

async function* csvRows(
  path: string,
  size: number,
  observedAt: string,
  onProgress: ((fraction: number) => void) | undefined,
): AsyncGenerator<AuditRow> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 256 * 1024 });
  let columns: (string | undefined)[] | undefined;
  let rows = 0;
  for await (const record of csvRecords(stream)) {
    if ("problem" in record) {
      yield record;
      continue;
    }
    if (!columns) {
      columns = record.fields.map(
        (h) =>
          COLUMNS[
            h
              .replace(/^\uFEFF/, "")
              .toLowerCase()
              .replace(/[^a-z]/g, "")
          ],
      );
      if (!columns.includes("userId")) {
        yield {
          line: record.line,
          problem: "the header has no userId (or id) column; nothing can be audited",
        };
        return;
      }
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      if (column) row[column] = record.fields[i]?.trim() ?? "";
    }
    const snapshot = csvSnapshot(row, observedAt);
    if (typeof snapshot === "string") yield { line: record.line, problem: snapshot };
    else {
      const checked = UserSnapshotSchema.safeParse(snapshot);
      yield checked.success
        ? { line: record.line, snapshot: checked.data }
        : { line: record.line, problem: issueText(checked.error) };
    }
    if (onProgress && ++rows % 1000 === 0) onProgress(stream.bytesRead / Math.max(1, size));
  }
}

const SMS_STATUSES: Record<string, string | null> = {
  "": null,
  enabled: "enabled",
  pending: "pending",
  enablingfailed: "enabling-failed",
  disabled: "disabled",
  disablingfailed: "disabling-failed",
};
const YES = new Set(["true", "yes", "y", "on", "1", "enabled"]);
const NO = new Set(["false", "no", "n", "off", "0", "disabled", ""]);

/** A CSV row in core's words; a string says what is wrong. Core's schema checks the rest. */
function csvSnapshot(row: Record<string, string>, observedAt: string): Record<string, unknown> | string {
  const hasSms = row.smsStatus !== undefined || row.smsEnabled !== undefined || row.smsNumber !== undefined;
  let sms: Record<string, unknown> | null = null;
  if (hasSms) {
    const statusWord = (row.smsStatus ?? "").toLowerCase().replace(/[^a-z]/g, "");
    if (!(statusWord in SMS_STATUSES)) return `smsStatus: "${clip(row.smsStatus!)}" is not an SMS status`;
    const status = SMS_STATUSES[statusWord]!;
    const enabledWord = (row.smsEnabled ?? "").toLowerCase();
    if (row.smsEnabled !== undefined && !YES.has(enabledWord) && !NO.has(enabledWord))
      return `smsEnabled: "${clip(row.smsEnabled)}" is not yes or no`;
    const enabled =
      row.smsEnabled === undefined ? status === "enabled" || status === "pending" : YES.has(enabledWord);
    sms = { number: row.smsNumber || null, enabled, status };
  }
  const userStatus = (row.userStatus ?? "").toLowerCase();
  if (userStatus && userStatus !== "active" && userStatus !== "inactive")
    return `userStatus: "${clip(row.userStatus!)}" is not ACTIVE or INACTIVE`;
  const category = (row.numberCategory ?? "").toLowerCase().replace(/_/g, "-");
  const numberStatus = (row.numberStatus ?? "").toLowerCase().replace(/_/g, "-");
  return {
    userId: row.userId,
    observedAt: row.observedAt || observedAt,
    license: row.license || null,
    phoneNumber: row.phoneNumber || null,
    ...(row.extensionNumber ? { extensionNumber: row.extensionNumber } : {}),
    ...(category ? { numberCategory: category } : {}),
    ...(numberStatus ? { numberStatus } : {}),
    ...(userStatus ? { userStatus } : {}),
    sms,
    source: "import",
    ...(row.displayName ? { displayName: row.displayName } : {}),
    ...(row.email ? { email: row.email } : {}),
    ...(row.site ? { site: row.site } : {}),
  };
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
