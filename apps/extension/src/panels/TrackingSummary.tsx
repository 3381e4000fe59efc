/** The provisioning tracker: where the worker says the number stands with the carriers. */
import type { TrackingStatus } from "../messaging/messages";
import { formatDuration, formatInstant } from "./words";

const stateWords: Record<string, string> = {
  REQUESTED: "Requested, no carrier has answered yet",
  AWAITING_BRAND: "Waiting for the brand to be verified",
  AWAITING_CAMPAIGN: "Waiting for the carriers to approve the campaign",
  AWAITING_NUMBER: "Waiting for the number to be assigned to the campaign",
  ACTIVE: "Live with the carriers",
  ACTION_REQUIRED: "Rejected: a person must fix and resubmit",
  STALLED: "Stalled: no progress past the usual time",
  SUSPENDED: "Suspended by the carriers",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

export function TrackingSummary({ status }: { status: TrackingStatus }) {
  if (status.kind === "not-applicable") return null;
  if (status.kind === "not-configured") {
    return (
      <p class="meta">
        Carrier tracking is off: set a worker API in SMS Doctor's options to follow this number until it is
        live.
      </p>
    );
  }
  if (status.kind === "error")
    return <p class="meta problem">Carrier tracking unavailable: {status.message}</p>;
  const { tracking } = status;
  return (
    <div data-tracking-state={tracking.state}>
      <h3>Carrier provisioning of {tracking.number}</h3>
      <dl>
        <dt>State</dt>
        <dd>
          {stateWords[tracking.state] ?? tracking.state}
          {tracking.stalled && tracking.state !== "STALLED" ? " (stalled)" : ""}
        </dd>
        <dt>Since</dt>
        <dd>{formatInstant(tracking.since)}</dd>
        {tracking.lastCheckedAt && [
          <dt key="l">Last check</dt>,
          <dd key="lv">{formatInstant(tracking.lastCheckedAt)}</dd>,
        ]}
        {tracking.expectedRemaining && [
          <dt key="r">Expected remaining</dt>,
          <dd key="rv">
            about {formatDuration(tracking.expectedRemaining.typical)}, at most{" "}
            {formatDuration(tracking.expectedRemaining.max)}
          </dd>,
        ]}
      </dl>
    </div>
  );
}
