// The variants imitate div-built data grids and tables (WAI-ARIA grid and table patterns, card lists): the
// roles on divs, their non-focusable cells and the computed role are the point, not an oversight.
// biome-ignore-all lint/a11y/useSemanticElements: imitating div-based grids and tables
// biome-ignore-all lint/a11y/useFocusableInteractive: grid cells are not focus stops in the imitated widgets either
// biome-ignore-all lint/a11y/useAriaPropsSupportedByRole: the role is computed (grid or table), aria-label fits both
import type { ComponentChildren } from "preact";
import { css } from "../css.js";
import { tableStyle } from "../markup.js";

// Variant-only styles are made on first use, so the default markup's style sheet stays as it was.
const divTable = () => css("display:block;width:100%;font-size:14px;margin:0 0 12px;", "DataGrid");
const divRow = () =>
  css("display:flex;gap:8px;align-items:center;padding:8px 6px;border-bottom:1px solid #eef0f3;", "Row");
const divHeader = () => css("flex:1 1 0;min-width:0;font-weight:600;color:#4a5866;", "HeaderCell");
const divCell = () => css("flex:1 1 0;min-width:0;", "Cell");

export interface DataRow {
  key: string;
  cells: ComponentChildren[];
}

/**
 * Rows of cells under column headers, built the session's way (markup.ts): a `<table>` (default); divs with the
 * WAI-ARIA grid pattern's roles (grid, row, columnheader, gridcell); the WAI-ARIA table pattern's (table,
 * rowgroup, row, columnheader, cell); or plain div rows with no header row and no roles (`headerless-rows`).
 * `empty`: one full-width row when there are no rows.
 */
export function DataTable(props: {
  class: string;
  label?: string;
  headers: ComponentChildren[];
  rows: DataRow[];
  empty?: ComponentChildren;
}) {
  const { headers, rows, empty } = props;
  if (tableStyle === "native")
    return (
      <table class={props.class} aria-label={props.label}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && empty !== undefined && (
            <tr>
              <td colSpan={headers.length}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    );
  if (tableStyle === "headerless")
    // headerless-rows: what a card list looks like; nothing but the repeated rows says these are columns.
    return (
      <div class={divTable()}>
        {rows.map((row) => (
          <div key={row.key} class={divRow()}>
            {row.cells.map((c, i) => (
              <div key={i} class={divCell()}>
                {c}
              </div>
            ))}
          </div>
        ))}
        {rows.length === 0 && empty !== undefined && <div class={divRow()}>{empty}</div>}
      </div>
    );
  const grid = tableStyle === "grid";
  const cellRole = grid ? "gridcell" : "cell";
  // The grid pattern owns its rows directly; the table pattern groups them (thead/tbody's roles).
  const group = (children: ComponentChildren) => (grid ? children : <div role="rowgroup">{children}</div>);
  return (
    <div role={grid ? "grid" : "table"} aria-label={props.label} class={divTable()}>
      {group(
        <div role="row" class={divRow()}>
          {headers.map((h, i) => (
            <div key={i} role="columnheader" class={divHeader()}>
              {h}
            </div>
          ))}
        </div>,
      )}
      {group(
        <>
          {rows.map((row) => (
            <div key={row.key} role="row" class={divRow()}>
              {row.cells.map((c, i) => (
                <div key={i} role={cellRole} class={divCell()}>
                  {c}
                </div>
              ))}
            </div>
          ))}
          {rows.length === 0 && empty !== undefined && (
            <div role="row" class={divRow()}>
              <div role={cellRole} aria-colspan={headers.length} class={divCell()}>
                {empty}
              </div>
            </div>
          )}
        </>,
      )}
    </div>
  );
}
