/**
 * The toolbar popup: the current tab's verdict (or how to get one), then the company's campaign status and the
 * users known not to send SMS or to be Pending, grouped by cause, each a link to their page.
 */
import { useEffect, useState } from "preact/hooks";
import type { TabStatus, UsersNeedingAttention } from "../messaging/messages";
import { send } from "../messaging/send";
import { verdictWords } from "../panels/words";
import { pageStyles } from "../shared/page-styles";

async function currentTabStatus(): Promise<TabStatus> {
  // Without the `tabs` permission the tab's URL isn't visible here; its id is enough to ask the background.
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { page: null };
  return send({ type: "tab-status", tabId: tab.id });
}

const usersNeedingAttention = () => send({ type: "users-needing-attention" });

const badgeWords = { "cannot-send": "can't send", pending: "Pending" } as Record<string, string>;

/** The campaign on top, then each cause with its users. */
function Overview({ overview }: { overview: UsersNeedingAttention }) {
  const { campaign, groups } = overview;
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">This company</h2>
      {campaign ? (
        <p data-campaign-status={campaign.status ?? "unknown"}>{campaign.explanation}</p>
      ) : (
        <p class="meta">Campaign status not known yet: open Home &gt; SMS in the Admin Console once.</p>
      )}
      {overview.workerProblem && <p class="meta">The worker couldn't be asked: {overview.workerProblem}</p>}
      {groups.length === 0 ? (
        <p>No user is known to be unable to send SMS or to be Pending.</p>
      ) : (
        groups.map((group) => (
          <section key={group.heading} data-cause-group={group.heading}>
            <h3>{group.heading}</h3>
            <ul>
              {group.users.map((user) => (
                <li key={user.userId} data-user-id={user.userId} data-verdict={user.verdict}>
                  <a href={user.url} target="_blank" rel="noreferrer">
                    {user.name}
                  </a>{" "}
                  <span class="meta">({badgeWords[user.verdict]})</span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

export function Popup({
  load = currentTabStatus,
  loadOverview = usersNeedingAttention,
}: {
  load?: () => Promise<TabStatus>;
  loadOverview?: () => Promise<UsersNeedingAttention>;
}) {
  const [status, setStatus] = useState<TabStatus | "loading" | Error>("loading");
  const [overview, setOverview] = useState<UsersNeedingAttention | Error | undefined>();
  useEffect(() => {
    load().then(setStatus, (error: unknown) =>
      setStatus(error instanceof Error ? error : new Error(String(error))),
    );
  }, [load]);
  useEffect(() => {
    loadOverview().then(setOverview, (error: unknown) =>
      setOverview(error instanceof Error ? error : new Error(String(error))),
    );
  }, [loadOverview]);

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
      {overview instanceof Error ? (
        <p role="alert">SMS Doctor couldn't list the users: {overview.message}</p>
      ) : overview ? (
        <Overview overview={overview} />
      ) : null}
      <p class="meta">
        <a href={chrome.runtime.getURL("src/options/index.html")} target="_blank" rel="noreferrer">
          Options
        </a>
      </p>
    </main>
  );
}
