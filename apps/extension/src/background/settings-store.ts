/**
 * The worker API's URL and token. They live in the extension origin's IndexedDB, which the background and the
 * extension's own pages can open but content scripts (running in the console's origin) cannot, unlike
 * chrome.storage.local: the token never becomes reachable from a page.
 */
import { type WorkerSettings, WorkerSettingsSchema } from "./storage-schemas.js";

export interface SettingsStore {
  get(): Promise<WorkerSettings | undefined>;
  set(settings: WorkerSettings): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = "sms-doctor";
const STORE = "settings";
const KEY = "worker";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

async function withStore<T>(
  mode: IDBTransactionMode,
  use: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  try {
    return await request(use(db.transaction(STORE, mode).objectStore(STORE)));
  } finally {
    db.close();
  }
}

export const indexedDbSettings: SettingsStore = {
  async get() {
    const parsed = WorkerSettingsSchema.safeParse(await withStore("readonly", (store) => store.get(KEY)));
    return parsed.success ? parsed.data : undefined;
  },
  async set(settings) {
    await withStore("readwrite", (store) => store.put(WorkerSettingsSchema.parse(settings), KEY));
  },
  async clear() {
    await withStore("readwrite", (store) => store.delete(KEY));
  },
};

export function memorySettings(initial?: WorkerSettings): SettingsStore {
  let current = initial;
  return {
    get: async () => current,
    set: async (settings) => {
      current = WorkerSettingsSchema.parse(settings);
    },
    clear: async () => {
      current = undefined;
    },
  };
}

/** The origin pattern the options page asks the admin to grant for the worker API. */
export function originPattern(apiUrl: string): string {
  return `${new URL(apiUrl).origin}/*`;
}
