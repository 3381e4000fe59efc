import { useEffect, useState } from "preact/hooks";
import type { UserListView } from "../../../src/console/console-views.js";
import { usePageData } from "../api.js";
import { inputClass, labelClass, secondaryButton } from "../components/fields.js";
import { LoadError, Loading } from "../components/page-states.js";
import { css } from "../css.js";
import { Link } from "../router.js";

const toolbar = css("display:flex;gap:16px;align-items:flex-end;flex-wrap:wrap;margin:0 0 16px;", "Toolbar");
const filter = css("display:flex;flex-direction:column;gap:4px;");
const table = css(
  "width:100%;border-collapse:collapse;background:#fff;border:1px solid #dfe3e8;border-radius:8px;font-size:14px;& th{text-align:left;font-weight:600;color:#4a5866;padding:10px 12px;border-bottom:1px solid #dfe3e8;}& td{padding:10px 12px;border-bottom:1px solid #eef0f3;}",
  "Table",
);
const pencil = css(
  "display:inline-flex;width:28px;height:28px;align-items:center;justify-content:center;border-radius:4px;color:#2f6fdb;&:hover{background:#eef4fd;}",
  "EditLink",
);
const pager = css("display:flex;gap:12px;align-items:center;margin:12px 0;font-size:13px;color:#4a5866;");

const PAGE_SIZE = 50;

function PencilIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zm17.7-10.2a1 1 0 0 0 0-1.42l-2.33-2.33a1 1 0 0 0-1.42 0l-1.83 1.83 3.75 3.75 1.83-1.83z"
      />
    </svg>
  );
}

/** Home > Users: search by name, email or phone number; filter by license and status; a pencil per row. */
export function UsersPage() {
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [license, setLicense] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search), 250);
    return () => window.clearTimeout(timer);
  }, [search]);
  useEffect(() => setPage(1), [debounced, license, status]);
  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (debounced) query.set("search", debounced);
  if (license) query.set("license", license);
  if (status) query.set("status", status);
  const result = usePageData<UserListView>(`/api/users?${query}`);
  const licenses = result.state === "ready" ? result.data.licenses : [];

  return (
    <div>
      <h1>Users</h1>
      <section class={toolbar} aria-label="Search and filters">
        <div class={filter}>
          <label for="users-search" class={labelClass}>
            Search
          </label>
          <input
            id="users-search"
            type="search"
            class={inputClass}
            placeholder="Search by name, email or phone number"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        <div class={filter}>
          <label for="users-filter-license" class={labelClass}>
            License
          </label>
          <select
            id="users-filter-license"
            class={inputClass}
            value={license}
            onChange={(e) => setLicense(e.currentTarget.value)}
          >
            <option value="">Any</option>
            {licenses.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div class={filter}>
          <label for="users-filter-status" class={labelClass}>
            Status
          </label>
          <select
            id="users-filter-status"
            class={inputClass}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
          >
            <option value="">Any</option>
            <option value="Active">Active</option>
            <option value="Inactive">Inactive</option>
          </select>
        </div>
      </section>
      {result.state === "loading" && <Loading />}
      {result.state === "error" && <LoadError message={result.message} />}
      {result.state === "ready" && (
        <>
          <table class={table} aria-label="Users">
            <thead>
              <tr>
                <th>
                  <input type="checkbox" aria-label="Select all users" />
                </th>
                <th>Name</th>
                <th>Email</th>
                <th>Extension</th>
                <th>Phone number</th>
                <th>License</th>
                <th>Status</th>
                <th>
                  <span hidden>Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.data.users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <input type="checkbox" aria-label={`Select ${user.name}`} />
                  </td>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{user.extensionNumber}</td>
                  <td>{user.phoneNumber ?? ""}</td>
                  <td>{user.license ?? ""}</td>
                  <td>{user.status}</td>
                  <td>
                    <Link
                      href={`/users/user/${encodeURIComponent(user.id)}`}
                      class={pencil}
                      aria-label={`Edit ${user.name}`}
                      title="Edit"
                    >
                      <PencilIcon />
                    </Link>
                  </td>
                </tr>
              ))}
              {result.data.users.length === 0 && (
                <tr>
                  <td colSpan={8}>No users match.</td>
                </tr>
              )}
            </tbody>
          </table>
          <div class={pager}>
            <button
              type="button"
              class={secondaryButton}
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              Previous
            </button>
            <span>
              {result.data.total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1}–
              {Math.min(page * PAGE_SIZE, result.data.total)} of {result.data.total}
            </span>
            <button
              type="button"
              class={secondaryButton}
              disabled={page * PAGE_SIZE >= result.data.total}
              onClick={() => setPage(page + 1)}
            >
              Next
            </button>
          </div>
        </>
      )}
    </div>
  );
}
