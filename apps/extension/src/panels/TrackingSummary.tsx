/** The provisioning tracker: where the worker says the number stands with the carriers. */
import type { TrackingStatus } from "../messaging/messages";
import { formatInstant } from "./words";

export function TrackingSummary({ status }: { status: TrackingStatus }) {
  if (status.kind === "not-applicable") return null;
  if (status.kind === "not-configured") return <p class="meta">{status.words}</p>;
  if (status.kind === "error")
    return <p class="meta problem">Carrier tracking unavailable: {status.message}</p>;
  const { tracking } = status;
  return (
    <div data-tracking-state={tracking.state}>
      <h3>Carrier provisioning of {tracking.numberForPeople}</h3>
      <dl>
        <dt>State</dt>
        <dd>
          {tracking.stateWords}
          {tracking.stalled && tracking.state !== "STALLED" ? " (stalled)" : ""}
          {tracking.carrierReadiness && `: ${tracking.carrierReadiness}`}
        </dd>
        <dt>Since</dt>
        <dd>{formatInstant(tracking.since)}</dd>
        {tracking.lastCheckedAt && [
          <dt key="l">Last check</dt>,
          <dd key="lv">{formatInstant(tracking.lastCheckedAt)}</dd>,
        ]}
        {tracking.expectedRemainingWords && [
          <dt key="r">Expected remaining</dt>,
          <dd key="rv">about {tracking.expectedRemainingWords}</dd>,
        ]}
      </dl>
    </div>
  );
}
