/** The panel on a user's page: verdict, causes with evidence and steps, tracking, what was read, copy. */
import type { UserSnapshot } from "@sms-doctor/core";
import type { UnreadableField as Unreadable } from "../messaging/message-schemas";
import type { SavePreviewView, UserDiagnosisView } from "../messaging/messages";
import { CopyButton } from "./CopyButton";
import { FindingList } from "./FindingItem";
import { PanelFrame } from "./PanelFrame";
import { ReadFromPage } from "./ReadFromPage";
import { TrackingSummary } from "./TrackingSummary";
import { UnreadableNotice } from "./Unreadable";
import { Warning } from "./Warning";
import { WhatChanged } from "./WhatChanged";
import { verdictTone } from "./words";

export type UserPanelState =
  | { kind: "reading" }
  | { kind: "waiting"; section: string }
  | { kind: "unreadable"; unreadable: Unreadable[] }
  | { kind: "error"; message: string }
  /** `read`: what the content script read from the page (the background doesn't echo it back). */
  | { kind: "diagnosed"; view: UserDiagnosisView; read: UserSnapshot };

const LABEL = "SMS Doctor: why this user can or can't send SMS";

/** `preview`: what saving the administrator's unsaved edits will do to SMS, shown above the diagnosis. */
export function UserSmsPanel({ state, preview }: { state: UserPanelState; preview?: SavePreviewView }) {
  switch (state.kind) {
    case "reading":
      return (
        <PanelFrame summary="Reading this user's SMS settings…" tone="unknown" label={LABEL}>
          <p class="meta">Waiting for the console to finish loading this user.</p>
        </PanelFrame>
      );
    case "waiting":
      return (
        <PanelFrame
          summary={`Open "${state.section}" so SMS Doctor can read it`}
          tone="unknown"
          label={LABEL}
        >
          <p class="meta" data-waiting-for={state.section}>
            Closed or loading is not "off": SMS Doctor reads it as soon as it shows.
          </p>
        </PanelFrame>
      );
    case "unreadable":
      return (
        <PanelFrame summary="Couldn't read this page" tone="unknown" label={LABEL}>
          <UnreadableNotice unreadable={state.unreadable} />
        </PanelFrame>
      );
    case "error":
      return (
        <PanelFrame summary="Couldn't diagnose this user" tone="unknown" label={LABEL}>
          <p class="problem" role="alert">
            {state.message}
          </p>
        </PanelFrame>
      );
    case "diagnosed": {
      const { view, read } = state;
      const { cause, worker } = view;
      return (
        <PanelFrame
          summary={view.summary}
          tone={verdictTone[view.verdict]}
          label={LABEL}
          notice={preview && <Warning view={preview} role="status" />}
        >
          {read.displayName && <p class="meta">Diagnosis for {read.displayName}</p>}
          {worker && (
            <p class="meta" data-worker={worker.state}>
              {worker.words}
            </p>
          )}
          {view.findings.length > 0 && <h3>{cause.heading}</h3>}
          {cause.explanation && <p>{cause.explanation}</p>}
          <FindingList findings={view.findings} />
          <TrackingSummary status={view.tracking} />
          <WhatChanged status={view.sharedHistory} />
          <ReadFromPage snapshot={read} />
          <p class="meta">{view.historyWords}</p>
          <div class="actions">
            <CopyButton label="Copy diagnosis" text={() => view.copyText} />
            <CopyButton label="Copy support case" text={() => view.supportCase.text} />
            <CopyButton label="Copy as Markdown" text={() => view.supportCase.markdown} />
          </div>
        </PanelFrame>
      );
    }
  }
}
