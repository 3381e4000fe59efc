/** The toolbar popup: the current tab's verdict, or how to get one. */
import { useEffect, useState } from "preact/hooks";
import type { TabStatus } from "../messaging/messages";
import { send } from "../messaging/send";
import { verdictWords } from "../panels/words";
import { pageStyles } from "../shared/page-styles";

async function currentTabStatus(): Promise<TabStatus> {
  // Without the `tabs` permission the tab's URL isn't visible here; its id is enough to ask the background.
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { page: null };
  return send({ type: "tab-status", tabId: tab.id });
}

export function Popup({ load = currentTabStatus }: { load?: () => Promise<TabStatus> }) {
  const [status, setStatus] = useState<TabStatus | "loading" | Error>("loading");
  useEffect(() => {
    load().then(setStatus, (error: unknown) =>
      setStatus(error instanceof Error ? error : new Error(String(error))),
    );
  }, [load]);

  let body: preact.ComponentChild;
  if (status === "loading") body = <p>Looking at this tab…</p>;
  else if (status instanceof Error)
    body = <p role="alert">SMS Doctor couldn't check this tab: {status.message}</p>;
  else if (status.page === "user-page" && status.unreadable) {
    body = (
      <p data-verdict="unknown">
        SMS Doctor couldn't read this user's page ({status.unreadable.map((item) => item.field).join(", ")}{" "}
        not found).
      </p>
    );
  } else if (status.page === "user-page" && status.verdict) {
    body = (
      <>
        <p class="who">{status.displayName ?? status.userId}</p>
        <p class="verdict" data-verdict={status.verdict}>
          {verdictWords[status.verdict]}
        </p>
        {status.topFinding && <p>Main cause: {status.topFinding}</p>}
        <p class="meta">Details are in the panel on the page, under "SMS enabled numbers".</p>
      </>
    );
  } else if (status.page === "sms-page") {
    body = <p>The SMS registration is explained in the panel at the top of this page.</p>;
  } else {
    body = (
      <p>
        Open a user's page in the 8x8 Admin Console (Home &gt; Users, then a user) and SMS Doctor shows there
        whether they can send SMS, and why not.
      </p>
    );
  }
  return (
    <main class="popup">
      <style>{pageStyles}</style>
      <h1>SMS Doctor</h1>
      {body}
      <p class="meta">
        <a href={chrome.runtime.getURL("src/options/index.html")} target="_blank" rel="noreferrer">
          Options
        </a>
      </p>
    </main>
  );
}
