import {
  causeOf,
  diagnose,
  type Finding,
  formatCause,
  formatFinding,
  type UserSnapshot,
  type Verdict,
} from "@sms-doctor/core";
import { countRead, countSkipped, newTally, type ReadTally } from "../directory/read-tally.js";
import type { AuditRow } from "./audit-rows.js";
import type { Spool, SpooledList } from "./report-spool.js";

/** A user who cannot send, with the cause that explains it best. */
export interface AffectedUser {
  line: number;
  userId: string;
  displayName?: string;
  email?: string;
  phoneNumber: string | null;
  license: string | null;
  certainty: Finding["certainty"];
  explanation: string;
  /** The other causes found for this user, by rule id. */
  alsoFound: string[];
}

/** Users listed per cause in the table and Markdown reports; JSON and CSV list everyone (from the spool). */
export const LISTED_PER_CAUSE = 25;

/** Skipped rows the table and Markdown reports list at most; JSON lists them all (from the spool). */
export const LISTED_SKIPPED = 200;

/** A row that could not be read, with its line number; it was skipped. */
export interface SkippedRow {
  line: number;
  problem: string;
}

/**
 * The users who cannot send for one cause (the top finding of each), with how to fix it; or, as
 * `CAUSE_UNDETERMINED`, the users whose cause can't be told from the export, with what would tell.
 */
export interface CauseGroup {
  ruleId: string;
  title: string;
  /** Resolution steps, as written for the group's first user. */
  steps: string[];
  article: { title: string; url: string };
  /** How many users have this cause. */
  count: number;
  /** The first `LISTED_PER_CAUSE` of them, in file order: what the table and Markdown list. */
  users: AffectedUser[];
  /** All of them, in file order, when the audit was given a spool. */
  spooled?: SpooledList<AffectedUser>;
}

/**
 * The audit's counts and first findings. Memory holds no more than the reports show on a terminal, so
 * it stays flat however large the export: the full lists (for JSON and CSV) are on disk in the spool.
 */
export interface FleetAudit {
  rows: number;
  audited: number;
  verdicts: Record<Verdict, number>;
  /** Largest group first. */
  causes: CauseGroup[];
  /** The first `LISTED_SKIPPED` rows that could not be read (`rowsSkipped` counts them all). */
  skipped: SkippedRow[];
  /** Every skipped row, when the audit was given a spool. */
  spooledSkipped?: SpooledList<SkippedRow>;
  /** Users and numbers read, used and skipped, with the first reasons. */
  users: ReadTally;
  numbers: ReadTally;
  durationMs: number;
}

/** The group of users whose top cause is only possible: its steps say what would tell the candidates apart. */
export const CAUSE_UNDETERMINED = "cause-undetermined";

/** Every skipped row is counted in the tally of its kind (users or numbers), and only there. */
export function rowsSkipped(audit: FleetAudit): number {
  return audit.users.skipped + audit.numbers.skipped;
}

export interface AuditOptions {
  /**
   * Where every affected user and skipped row goes, for the reports that list everyone (JSON, CSV).
   * Without one, only the first ones are kept. The caller creates the spool and removes it.
   */
  spool?: Spool;
}

/**
 * Runs core's diagnosis over every user of an export and groups the users who cannot send by the
 * cause that comes first for them, so the report reads as a to-do list: one fix per cause.
 */
export async function auditFleet(
  rows: AsyncIterable<AuditRow> | Iterable<AuditRow>,
  now: string,
  options: AuditOptions = {},
): Promise<FleetAudit> {
  const started = performance.now();
  const { spool } = options;
  const verdicts: Record<Verdict, number> = { "cannot-send": 0, pending: 0, unknown: 0, "can-send": 0 };
  const groups = new Map<string, CauseGroup>();
  const skipped: SkippedRow[] = [];
  const spooledSkipped = spool?.list<SkippedRow>();
  const users = newTally("users");
  const numbers = newTally("phone numbers");
  let rows_ = 0;
  for await (const row of rows) {
    rows_++;
    if ("phoneNumber" in row) {
      countRead(numbers);
      continue;
    }
    if ("problem" in row) {
      const skip = { line: row.line, problem: row.problem };
      if (skipped.length < LISTED_SKIPPED) skipped.push(skip);
      await spooledSkipped?.append(skip);
      countSkipped(row.kind === "number" ? numbers : users, row.problem.replace(/^phone number: /, ""));
      continue;
    }
    countRead(users);
    const diagnosis = diagnose({ now, current: row.snapshot });
    verdicts[diagnosis.verdict]++;
    if (diagnosis.verdict !== "cannot-send") continue;
    const top = diagnosis.findings.find((f) => f.severity === "blocking") ?? diagnosis.findings[0];
    // A top cause that is only possible is one candidate among others: not a heading (core words it).
    const cause = causeOf(diagnosis);
    const undetermined = cause.kind === "undetermined" ? formatCause(cause) : undefined;
    const ruleId = undetermined ? CAUSE_UNDETERMINED : (top?.ruleId ?? "sms-off-no-cause-found");
    let group = groups.get(ruleId);
    const formatted = top ? formatFinding(top) : undefined;
    if (!group) {
      group = {
        ruleId,
        title: undetermined?.heading ?? formatted?.title ?? "SMS is off and no cause was found in the export",
        steps: (undetermined && [undetermined.explanation, ...undetermined.tellApart]) ??
          formatted?.steps ?? [
            "Open the user in the Admin Console; SMS Doctor's panel shows what it sees there.",
          ],
        article: formatted?.article ?? { title: "", url: "" },
        count: 0,
        users: [],
        ...(spool ? { spooled: spool.list<AffectedUser>() } : {}),
      };
      groups.set(ruleId, group);
    }
    const explanation = undetermined?.explanation ?? formatted?.explanation;
    const user = affectedUser(row.line, row.snapshot, top, explanation, diagnosis.findings);
    if (++group.count <= LISTED_PER_CAUSE) group.users.push(user);
    await group.spooled?.append(user);
  }
  // Everything on disk before the report starts: writing a report only reads the spool, so a report that
  // fails midway leaves no write in flight while its spool is removed.
  await Promise.all([spooledSkipped, ...[...groups.values()].map((g) => g.spooled)].map((l) => l?.close()));
  return {
    rows: rows_,
    audited: users.read - users.skipped,
    verdicts,
    causes: [...groups.values()].sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
    skipped,
    ...(spooledSkipped ? { spooledSkipped } : {}),
    users,
    numbers,
    durationMs: performance.now() - started,
  };
}

function affectedUser(
  line: number,
  snapshot: UserSnapshot,
  top: Finding | undefined,
  explanation: string | undefined,
  findings: readonly Finding[],
): AffectedUser {
  return {
    line,
    userId: snapshot.userId,
    ...(snapshot.displayName ? { displayName: snapshot.displayName } : {}),
    ...(snapshot.email ? { email: snapshot.email } : {}),
    phoneNumber: snapshot.phoneNumber,
    license: snapshot.license,
    certainty: top?.certainty ?? "confirmed",
    explanation: explanation ?? "SMS is shown off for this user.",
    alsoFound: findings.filter((f) => f !== top).map((f) => f.ruleId),
  };
}
