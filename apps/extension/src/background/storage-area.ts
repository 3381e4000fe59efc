/** The subset of chrome.storage's StorageArea the stores use, so tests can hand them an in-memory area. */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** An in-memory StorageArea (tests, and a fallback where chrome.storage.session is missing). */
export function memoryArea(): StorageArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const clone = <T>(value: T): T => structuredClone(value);
  return {
    data,
    async get(keys) {
      const wanted = keys == null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      const result: Record<string, unknown> = {};
      for (const key of wanted) if (data.has(key)) result[key] = clone(data.get(key));
      return result;
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) data.set(key, clone(value));
    },
    async remove(keys) {
      for (const key of Array.isArray(keys) ? keys : [keys]) data.delete(key);
    },
  };
}
