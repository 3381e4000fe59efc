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

/**
 * Every user who cannot send for one cause (the top finding of each), with how to fix it; or, as
 * `CAUSE_UNDETERMINED`, every user whose cause can't be told from the export, with what would tell.
 */
export interface CauseGroup {
  ruleId: string;
  title: string;
  /** Resolution steps, as written for the group's first user. */
  steps: string[];
  article: { title: string; url: string };
  users: AffectedUser[];
}

export interface FleetAudit {
  rows: number;
  audited: number;
  verdicts: Record<Verdict, number>;
  /** Largest group first. */
  causes: CauseGroup[];
  /** Rows that could not be read, with their line numbers; they were skipped. */
  skipped: { line: number; problem: string }[];
  /** Users and numbers read, used and skipped, with the first reasons. */
  users: ReadTally;
  numbers: ReadTally;
  durationMs: number;
}

/** The group of users whose top cause is only possible: its steps say what would tell the candidates apart. */
export const CAUSE_UNDETERMINED = "cause-undetermined";

/**
 * Runs core's diagnosis over every user of an export and groups the users who cannot send by the
 * cause that comes first for them, so the report reads as a to-do list: one fix per cause.
 */
export async function auditFleet(
  rows: AsyncIterable<AuditRow> | Iterable<AuditRow>,
  now: string,
): Promise<FleetAudit> {
  const started = performance.now();
  const verdicts: Record<Verdict, number> = { "cannot-send": 0, pending: 0, unknown: 0, "can-send": 0 };
  const groups = new Map<string, CauseGroup>();
  const skipped: FleetAudit["skipped"] = [];
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
      skipped.push({ line: row.line, problem: row.problem });
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
        users: [],
      };
      groups.set(ruleId, group);
    }
    const explanation = undetermined?.explanation ?? formatted?.explanation;
    group.users.push(affectedUser(row.line, row.snapshot, top, explanation, diagnosis.findings));
  }
  return {
    rows: rows_,
    audited: users.read - users.skipped,
    verdicts,
    causes: [...groups.values()].sort(
      (a, b) => b.users.length - a.users.length || a.ruleId.localeCompare(b.ruleId),
    ),
    skipped,
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
