/**
 * The background's single entry point for messages. It checks who is talking (our content script on the console,
 * or one of our own pages) and parses the message before acting; anything else is dropped and logged.
 */

import { CONSOLE_ORIGIN } from "../console/routes";
import {
  ContentMessageSchema,
  describeIssues,
  ExtensionPageMessageSchema,
} from "../messaging/message-schemas.js";
import type { Reply } from "../messaging/messages";
import type { Doctor } from "./doctor";
import type { HistoryStore } from "./history-store";
import type { TabStatusStore } from "./tab-status";

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface HandlerDeps {
  doctor: Doctor;
  history: HistoryStore;
  tabs: TabStatusStore;
  extensionId: string;
  extensionOrigin: string;
  log?: (message: string) => void;
}

function originOf(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : "";
  } catch {
    return "";
  }
}

const fail = (error: string): Reply<never> => ({ ok: false, error });

export async function handleMessage(
  raw: unknown,
  sender: Sender,
  deps: HandlerDeps,
): Promise<Reply<unknown>> {
  const log = deps.log ?? ((line: string) => console.warn(line));
  if (sender.id !== deps.extensionId) {
    log("SMS Doctor: dropped a message from another extension");
    return fail("unknown sender");
  }
  const senderOrigin = originOf(sender.url);
  const tabId = sender.tab?.id;

  if (senderOrigin === CONSOLE_ORIGIN && tabId !== undefined) {
    const parsed = ContentMessageSchema.safeParse(raw);
    if (!parsed.success) {
      log(`SMS Doctor: dropped a content-script message that doesn't parse: ${describeIssues(parsed.error)}`);
      return fail("SMS Doctor couldn't make sense of what it read from this page");
    }
    const message = parsed.data;
    switch (message.type) {
      case "user-page-read": {
        const view = await deps.doctor.diagnoseUser(message.snapshot, message.identifiedBy);
        const top = view.findings[0];
        await deps.tabs.set(tabId, {
          page: "user-page",
          verdict: view.verdict,
          userId: view.snapshot.userId,
          ...(view.snapshot.displayName ? { displayName: view.snapshot.displayName } : {}),
          ...(top ? { topFinding: top.title } : {}),
        });
        return { ok: true, value: view };
      }
      case "sms-page-read": {
        const view = await deps.doctor.explainSmsPage(message.registration);
        await deps.tabs.set(tabId, { page: "sms-page", verdict: view.verdict });
        return { ok: true, value: view };
      }
      case "page-unreadable":
        await deps.tabs.set(tabId, {
          page: message.page,
          verdict: "unknown",
          unreadable: message.unreadable,
        });
        return { ok: true, value: null };
      case "page-shown":
        await deps.tabs.set(tabId, { page: message.page });
        return { ok: true, value: null };
      case "users-list-verdicts":
        return { ok: true, value: await deps.doctor.usersListVerdicts(message.userIds) };
    }
  }

  // Our own pages (popup, options); chrome-extension: URLs have an opaque origin, so compare the prefix.
  if (sender.url?.startsWith(`${deps.extensionOrigin}/`)) {
    const parsed = ExtensionPageMessageSchema.safeParse(raw);
    if (!parsed.success) {
      log(
        `SMS Doctor: dropped an extension-page message that doesn't parse: ${describeIssues(parsed.error)}`,
      );
      return fail("unknown request");
    }
    return { ok: true, value: await deps.tabs.get(parsed.data.tabId) };
  }

  log(`SMS Doctor: dropped a message from ${senderOrigin || "an unknown page"}`);
  return fail("unknown sender");
}
