/** "What changed": the worker's shared history of this user, as field, before → after, when and which source saw it. */
import type { SharedHistoryStatus } from "../messaging/messages";
import { fieldWords, formatInstant, formatValue } from "./words";

export function WhatChanged({ status }: { status: SharedHistoryStatus | undefined }) {
  if (!status) return null;
  if (status.kind === "error")
    return <p class="meta problem">Shared history unavailable: {status.message}</p>;
  return (
    <div data-shared-history={status.snapshots}>
      <h3>What changed</h3>
      {status.nothingChanged ? (
        <p class="meta">{status.nothingChanged}</p>
      ) : (
        <ul>
          {status.changes.map((change) => (
            <li
              key={`${change.field}${change.at}`}
              data-change-field={change.field}
              data-source={change.source}
            >
              {fieldWords[change.field] ?? change.field}: {formatValue(change.before)} →{" "}
              {formatValue(change.after)}
              <span class="meta">
                {" "}
                ({formatInstant(change.at)}, {change.sourceWords})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
