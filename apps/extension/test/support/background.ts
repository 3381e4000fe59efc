/**
 * The real background (handleMessage, Doctor, HistoryStore on an in-memory storage area) behind
 * chrome.runtime.sendMessage, for unit tests of content-script features: only the browser's messaging is stood in
 * for, and every message goes through core's schemas as it would in the extension.
 */

import { EXTENSION_ID } from "../../extension-key";
import { Doctor } from "../../src/background/doctor";
import { handleMessage } from "../../src/background/handle-message";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { TabStatusStore } from "../../src/background/tab-status";

export function installBackground(pageUrl: string) {
  const history = new HistoryStore(memoryArea());
  const sent: { type: string; [key: string]: unknown }[] = [];
  const deps = {
    doctor: new Doctor({ history, settings: memorySettings() }),
    history,
    tabs: new TabStatusStore(memoryArea()),
    extensionId: EXTENSION_ID,
    extensionOrigin: `chrome-extension://${EXTENSION_ID}`,
    log: () => {},
  };
  const sender = { id: EXTENSION_ID, url: pageUrl, tab: { id: 1 } };
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      sendMessage: async (message: (typeof sent)[number]) => {
        sent.push(message);
        return handleMessage(structuredClone(message), sender, deps);
      },
    },
  };
  return { history, sent };
}
