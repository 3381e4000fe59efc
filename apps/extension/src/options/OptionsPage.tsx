/**
 * Options: the worker API (URL, token, "Test connection") and the history kept in this browser (clear, export,
 * import). Saving a worker URL asks Chrome for that one origin: it's an optional host permission, granted by the
 * admin here and never requested by the console page.
 */

import { useEffect, useState } from "preact/hooks";
import type { HistoryStore } from "../background/history-store";
import { originPattern, type SettingsStore } from "../background/settings-store";
import { WorkerSettingsSchema } from "../background/storage-schemas.js";
import { WorkerApi } from "../background/worker-api";
import { pageStyles } from "../shared/page-styles";

export interface PermissionsApi {
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function OptionsPage(props: {
  settings: SettingsStore;
  history: HistoryStore;
  permissions: PermissionsApi;
}) {
  const [apiUrl, setApiUrl] = useState("");
  const [token, setToken] = useState("");
  const [workerStatus, setWorkerStatus] = useState("");
  const [historyStatus, setHistoryStatus] = useState("");

  useEffect(() => {
    props.settings.get().then((saved) => {
      if (!saved) return;
      setApiUrl(saved.apiUrl);
      setToken(saved.token);
    });
  }, [props.settings]);

  const parsedSettings = () => {
    const parsed = WorkerSettingsSchema.safeParse({ apiUrl: apiUrl.trim(), token: token.trim() });
    if (!parsed.success) throw new Error("Enter the worker API's http(s) URL and its token.");
    return parsed.data;
  };

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const settings = parsedSettings();
      // Must run in the click's user gesture: Chrome shows its own prompt for the origin.
      const granted = await props.permissions.request({ origins: [originPattern(settings.apiUrl)] });
      if (!granted) throw new Error(`Chrome didn't grant access to ${new URL(settings.apiUrl).origin}.`);
      await props.settings.set(settings);
      setWorkerStatus("Saved.");
    } catch (error) {
      setWorkerStatus(errorText(error));
    }
  };

  const test = async () => {
    setWorkerStatus("Testing…");
    try {
      setWorkerStatus(await new WorkerApi(parsedSettings()).check());
    } catch (error) {
      setWorkerStatus(`Not connected: ${errorText(error)}`);
    }
  };

  const removeWorker = async () => {
    const saved = await props.settings.get();
    await props.settings.clear();
    if (saved) await props.permissions.remove({ origins: [originPattern(saved.apiUrl)] }).catch(() => false);
    setApiUrl("");
    setToken("");
    setWorkerStatus("Worker removed: SMS Doctor works on its own, without carrier tracking.");
  };

  const exportHistory = async () => {
    const data = await props.history.export(new Date().toISOString());
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `sms-doctor-history-${data.exportedAt.slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setHistoryStatus(`Exported ${Object.keys(data.users).length} user(s).`);
  };

  const importHistory = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      const { users, snapshots } = await props.history.import(JSON.parse(await file.text()));
      setHistoryStatus(`Imported ${snapshots} snapshot(s) of ${users} user(s).`);
    } catch (error) {
      setHistoryStatus(`Import failed: ${errorText(error)}`);
    }
  };

  const clearHistory = async () => {
    if (!confirm("Forget every user's history kept in this browser?")) return;
    await props.history.clear();
    setHistoryStatus("History cleared.");
  };

  return (
    <main class="options">
      <style>{pageStyles}</style>
      <h1>SMS Doctor options</h1>
      <h2>Worker API (optional)</h2>
      <p class="meta">
        With a worker, SMS Doctor shares history between administrators and follows Pending numbers with the
        carriers until they are live. Without one, everything else works in this browser alone.
      </p>
      <form onSubmit={save}>
        <label for="api-url">Worker API URL</label>
        <input
          id="api-url"
          type="url"
          placeholder="https://sms-doctor.example.com"
          value={apiUrl}
          onInput={(e) => setApiUrl(e.currentTarget.value)}
        />
        <label for="api-token">Token</label>
        <input
          id="api-token"
          type="password"
          autocomplete="off"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        <button type="submit">Save</button>
        <button type="button" onClick={test}>
          Test connection
        </button>
        <button type="button" onClick={removeWorker}>
          Remove worker
        </button>
      </form>
      <p role="status" data-status="worker">
        {workerStatus}
      </p>
      <h2>History in this browser</h2>
      <p class="meta">
        Each visit to a user's page is remembered (only when something changed), so SMS Doctor can confirm
        what changed. The history never leaves this browser unless a worker is configured or you export it.
      </p>
      <button type="button" onClick={exportHistory}>
        Export history
      </button>
      <label for="import">Import history (JSON export)</label>
      <input id="import" type="file" accept="application/json,.json" onChange={importHistory} />
      <button type="button" onClick={clearHistory}>
        Clear history
      </button>
      <p role="status" data-status="history">
        {historyStatus}
      </p>
    </main>
  );
}
