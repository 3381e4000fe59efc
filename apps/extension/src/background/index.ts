/** The service worker: wires chrome's events to the message handler and the stores. */
import { Doctor } from "./doctor";
import { handleMessage } from "./handle-message";
import { HistoryStore } from "./history-store";
import { indexedDbSettings } from "./settings-store";
import { memoryArea, type StorageArea } from "./storage-area";
import { TabStatusStore } from "./tab-status";

const local = chrome.storage.local as unknown as StorageArea;
// Content scripts don't use chrome.storage: where Chromium allows it, keep the history out of their reach too.
(chrome.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> })
  .setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" })
  .catch(() => {});

const history = new HistoryStore(local);
const tabs = new TabStatusStore(
  (chrome.storage.session as unknown as StorageArea | undefined) ?? memoryArea(),
);
const doctor = new Doctor({ history, settings: indexedDbSettings });
const deps = {
  doctor,
  history,
  tabs,
  extensionId: chrome.runtime.id,
  extensionOrigin: new URL(chrome.runtime.getURL("/")).origin,
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  handleMessage(message, sender, deps)
    .then(sendResponse)
    .catch((error: unknown) => {
      console.error("SMS Doctor: a message failed", error);
      sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) });
    });
  return true; // the reply is sent asynchronously
});

chrome.tabs?.onRemoved.addListener((tabId) => void tabs.forget(tabId));
