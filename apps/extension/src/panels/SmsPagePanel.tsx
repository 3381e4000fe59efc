/** The panel on Admin Console > SMS: brand and campaign status explained, each form error with its fix, Pending numbers. */
import type { UnreadableField as Unreadable } from "../messaging/message-schemas";
import type { SmsPageView } from "../messaging/messages";
import { FindingList } from "./FindingItem";
import { PanelFrame } from "./PanelFrame";
import { ShowMe } from "./ShowMe";
import { TrackingSummary } from "./TrackingSummary";
import { UnreadableNotice } from "./Unreadable";
import { Warning } from "./Warning";
import { verdictTone } from "./words";

export type SmsPagePanelState =
  | { kind: "reading" }
  | { kind: "unreadable"; unreadable: Unreadable[] }
  | { kind: "error"; message: string }
  | { kind: "explained"; view: SmsPageView };

const LABEL = "SMS Doctor: the company's SMS registration";

export function SmsPagePanel({ state }: { state: SmsPagePanelState }) {
  if (state.kind === "reading") {
    return (
      <PanelFrame summary="Reading the SMS registration…" tone="unknown" label={LABEL}>
        <p class="meta">Waiting for the console to finish loading this page.</p>
      </PanelFrame>
    );
  }
  if (state.kind === "unreadable") {
    return (
      <PanelFrame summary="Couldn't read this page" tone="unknown" label={LABEL}>
        <UnreadableNotice unreadable={state.unreadable} />
      </PanelFrame>
    );
  }
  if (state.kind === "error") {
    return (
      <PanelFrame summary="Couldn't explain this page" tone="unknown" label={LABEL}>
        <p class="problem" role="alert">
          {state.message}
        </p>
      </PanelFrame>
    );
  }
  const { view } = state;
  return (
    <PanelFrame summary={view.summary} tone={verdictTone[view.verdict]} label={LABEL}>
      <h3>Your Brand</h3>
      <p data-status={view.brand.status ?? "unknown"}>{view.brand.explanation}</p>
      <h3>Your Campaign</h3>
      <p data-status={view.campaign.status ?? "unknown"}>{view.campaign.explanation}</p>
      {view.errors.length > 0 && (
        <>
          <h3>What to change in the registration form</h3>
          <ol aria-label="Registration form errors">
            {view.errors.map((error) => (
              <li key={`${error.field}-${error.message}`} data-registration-field={error.field ?? ""}>
                <strong>{error.field ?? "Form"}</strong>: “{error.message}”. {error.fix}{" "}
                {error.field && <ShowMe control={{ section: "yourCampaign", names: [error.field] }} />}
              </li>
            ))}
          </ol>
          <p class="meta">
            Then submit the form again; each rejection costs at least two more weeks of review.
          </p>
        </>
      )}
      {view.findings.length > 0 && (
        <>
          <h3>Causes</h3>
          <FindingList findings={view.findings} />
        </>
      )}
      {view.numbersToReRead && <Warning view={view.numbersToReRead} role="status" />}
      {view.pendingNumbers.length > 0 && (
        <>
          <h3>Numbers still Pending</h3>
          <ul>
            {view.pendingNumbers.map((pending) => (
              <li key={pending.number} data-pending-number={pending.number}>
                {pending.numberForPeople}
                <TrackingSummary status={pending.tracking} />
              </li>
            ))}
          </ul>
        </>
      )}
    </PanelFrame>
  );
}
