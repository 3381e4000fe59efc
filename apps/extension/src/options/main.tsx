import { render } from "preact";
import { HistoryStore } from "../background/history-store";
import { indexedDbSettings } from "../background/settings-store";
import type { StorageArea } from "../background/storage-area";
import { OptionsPage } from "./OptionsPage";

render(
  <OptionsPage
    settings={indexedDbSettings}
    history={new HistoryStore(chrome.storage.local as unknown as StorageArea)}
    permissions={chrome.permissions}
  />,
  document.getElementById("app")!,
);
