/**
 * What each tab last showed, for the popup (which has no `tabs` permission and so can't read the tab's URL):
 * kept in chrome.storage.session, which content scripts can't read and which is forgotten with the session.
 */
import type { TabStatus } from "../messaging/messages";
import type { StorageArea } from "./storage-area";

const key = (tabId: number) => `tab/${tabId}`;

export class TabStatusStore {
  constructor(private readonly area: StorageArea) {}

  async get(tabId: number): Promise<TabStatus> {
    return ((await this.area.get(key(tabId)))[key(tabId)] as TabStatus | undefined) ?? { page: null };
  }

  async set(tabId: number, status: TabStatus): Promise<void> {
    await this.area.set({ [key(tabId)]: status });
  }

  async forget(tabId: number): Promise<void> {
    await this.area.remove(key(tabId));
  }
}
