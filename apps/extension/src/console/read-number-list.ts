/**
 * Reads a list of phone numbers with their SMS status, however it is laid out: an HTML table, the WAI-ARIA table
 * and grid patterns (rows and cells of divs), or plain repeated rows. With column headers, the Number, SMS and
 * Status columns are found by their names; without them, by what a cell shows (a phone number, a switch, a
 * status word). The profile's "SMS enabled numbers" and the SMS page's numbers list both read through here.
 */
import type { SmsStatus } from "@sms-doctor/core";
import { displayText, leaves, matchesAny, normalize, queryAll, spacedText } from "./dom";
import {
  columnHeaders,
  numberColumns,
  numberPickers,
  numberTables,
  phoneNumberText,
  smsStatusWords,
  smsSwitches,
  tableCells,
  tableRows,
} from "./locators";

export interface NumberRow {
  /** As shown; null when a row has a switch but no readable number. */
  number: string | null;
  /** The status word shown in the row; a blank status is null. */
  status: SmsStatus;
  /** The row's SMS switch, when it has one. */
  toggle: Element | null;
  element: Element;
}

/** The status word in a row or cell; a blank one is null. */
export function statusIn(scope: Element): SmsStatus {
  for (const leaf of scope.childElementCount === 0 ? [scope] : leaves(scope)) {
    const status = smsStatusWords[normalize(leaf.textContent)];
    if (status) return status;
  }
  return null;
}

const firstSwitch = (scope: Element): Element | null =>
  scope.matches(smsSwitches.join(",")) ? scope : (queryAll(scope, smsSwitches)[0] ?? null);

const numberIn = (scope: Element): string | null => {
  const found = phoneNumberText.exec(spacedText(scope))?.[0];
  return found ? displayText(found) : null;
};

type Column = keyof typeof numberColumns;

function columnsOf(headers: Element[]): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  headers.forEach((header, index) => {
    for (const column of Object.keys(numberColumns) as Column[]) {
      if (columns[column] === undefined && matchesAny(spacedText(header), numberColumns[column]))
        columns[column] = index;
    }
  });
  return columns;
}

function readTable(table: Element): NumberRow[] {
  const tableSelector = numberTables.join(",");
  const rows = queryAll(table, tableRows).filter((row) => row.closest(tableSelector) === table);
  const rowSelector = tableRows.join(",");
  let columns: Partial<Record<Column, number>> = {};
  const read: NumberRow[] = [];
  for (const row of rows) {
    const cells = queryAll(row, tableCells).filter((cell) => cell.closest(rowSelector) === row);
    if (cells.length > 0 && cells.every((cell) => cell.matches(columnHeaders.join(",")))) {
      columns = columnsOf(cells);
      continue;
    }
    const cell = (column: Column): Element => {
      const index = columns[column];
      return (index !== undefined ? cells[index] : undefined) ?? row;
    };
    const number = numberIn(cell("number"));
    const toggle = firstSwitch(cell("sms")) ?? firstSwitch(row);
    if (!number && !toggle) continue;
    read.push({ number, status: statusIn(cell("status")), toggle, element: row });
  }
  return read;
}

/** A "+ Enable phone numbers" style picker inside the section lists numbers that could be added, not rows. */
function inPicker(element: Element, section: Element): boolean {
  const picker = element.closest(numberPickers.join(","));
  return picker !== null && picker !== section && section.contains(picker) && firstSwitch(picker) === null;
}

/** Rows without table markup: each shown number's row is the widest element around it holding no other number. */
function readPlainRows(scope: Element, section: Element): NumberRow[] {
  const numberLeaves = leaves(scope).filter(
    (leaf) => phoneNumberText.test(leaf.textContent ?? "") && !inPicker(leaf, section),
  );
  if (numberLeaves.length === 0) {
    // Switches with no number shown beside them: still rows, with the number unknown.
    return queryAll(scope, smsSwitches).map((toggle) => ({
      number: null,
      status: statusIn(toggle.parentElement ?? toggle),
      toggle,
      element: toggle.parentElement ?? toggle,
    }));
  }
  return numberLeaves.map((leaf) => {
    let row: Element = leaf;
    for (let up = leaf.parentElement; up && up !== scope; up = up.parentElement) {
      if (numberLeaves.some((other) => other !== leaf && up.contains(other))) break;
      row = up;
    }
    return { number: numberIn(leaf), status: statusIn(row), toggle: firstSwitch(row), element: row };
  });
}

export function readNumberRows(section: Element): NumberRow[] {
  const tables = queryAll(section, numberTables).filter((table) => !inPicker(table, section));
  // A table whose rows carry no row role (a `role="table"` of plain divs) is read as plain rows.
  if (tables.length > 0)
    return tables.flatMap((table) => {
      const rows = readTable(table);
      return rows.length > 0 ? rows : readPlainRows(table, section);
    });
  return readPlainRows(section, section);
}
