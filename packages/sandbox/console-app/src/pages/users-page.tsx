import { useEffect, useState } from "preact/hooks";
import type { UserListFilter, UserListView } from "../../../src/console/console-views.js";
import { usePageData } from "../api.js";
import { DataTable } from "../components/data-table.js";
import { inputClass, labelClass, secondaryButton } from "../components/fields.js";
import { LoadError, Loading } from "../components/page-states.js";
import { css } from "../css.js";
import { tableStyle, userPagePath } from "../markup.js";
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
const filterRow = css(
  "display:flex;gap:6px;align-items:center;border:1px solid #dfe3e8;border-radius:6px;padding:4px 6px;margin:0;background:#fff;",
  "FilterChip",
);
const hidden = css("position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);");
const smallSelect = css(
  "height:30px;border:1px solid #c4cdd5;border-radius:4px;font:inherit;font-size:13px;",
);
// headerless-rows only, made on first use so the default markup's style sheet stays as it was.
const userList = () =>
  css(
    "list-style:none;margin:0;padding:0;background:#fff;border:1px solid #dfe3e8;border-radius:8px;font-size:14px;& li{display:flex;gap:16px;padding:10px 12px;border-bottom:1px solid #eef0f3;}",
    "UserList",
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
  const [filters, setFilters] = useState<UserListFilter[]>([]);
  const [filterValues, setFilterValues] = useState<UserListView["filterValues"] | null>(null);
  const [page, setPage] = useState(1);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search), 250);
    return () => window.clearTimeout(timer);
  }, [search]);
  const filterKey = filters.map((f) => `${f.field}:${f.operator}:${f.value}`);
  useEffect(() => setPage(1), [debounced, filterKey.join("|")]);
  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (debounced) query.set("search", debounced);
  for (const filter of filterKey) query.append("filter", filter);
  const result = usePageData<UserListView>(`/api/users?${query}`);
  useEffect(() => {
    if (result.state === "ready") setFilterValues(result.data.filterValues);
  }, [result]);
  const change = (i: number, next: Partial<UserListFilter>) =>
    setFilters(
      filters.map((f, j) => {
        if (j !== i) return f;
        const merged = { ...f, ...next };
        // A new field brings its own values.
        if (next.field && next.field !== f.field) merged.value = filterValues?.[next.field][0] ?? "";
        return merged;
      }),
    );

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
        {filters.map((f, i) => (
          <fieldset class={filterRow} key={`${i}-${f.field}`}>
            <legend class={hidden}>Filter {i + 1}</legend>
            <select
              aria-label="Filter by"
              class={smallSelect}
              value={f.field}
              onChange={(e) => change(i, { field: e.currentTarget.value as UserListFilter["field"] })}
            >
              <option value="license">License</option>
              <option value="status">Status</option>
              <option value="site">Site</option>
            </select>
            <select
              aria-label="Condition"
              class={smallSelect}
              value={f.operator}
              onChange={(e) => change(i, { operator: e.currentTarget.value as UserListFilter["operator"] })}
            >
              <option value="is">Is</option>
              <option value="isNot">Is not</option>
            </select>
            <select
              aria-label="Value"
              class={smallSelect}
              value={f.value}
              onChange={(e) => change(i, { value: e.currentTarget.value })}
            >
              {(filterValues?.[f.field] ?? [f.value]).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
            <button
              type="button"
              class={secondaryButton}
              aria-label="Remove filter"
              onClick={() => setFilters(filters.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          class={secondaryButton}
          disabled={!filterValues}
          onClick={() =>
            setFilters([
              ...filters,
              { field: "license", operator: "is", value: filterValues?.license[0] ?? "" },
            ])
          }
        >
          + Add filter
        </button>
      </section>
      {result.state === "loading" && <Loading />}
      {result.state === "error" && <LoadError message={result.message} />}
      {result.state === "ready" && (
        <>
          {tableStyle === "headerless" ? (
            // headerless-rows: a card list, each user's name the link to their page.
            <ul aria-label="Users" class={userList()}>
              {result.data.users.map((user) => (
                <li key={user.id}>
                  <Link href={userPagePath(user.id)}>{user.name}</Link>
                  <span>{user.email}</span>
                  <span>{user.extensionNumber}</span>
                  <span>{user.phoneNumber ?? ""}</span>
                  <span>{user.license ?? ""}</span>
                  <span>{user.status}</span>
                </li>
              ))}
              {result.data.users.length === 0 && <li>No users match.</li>}
            </ul>
          ) : (
            <DataTable
              class={table}
              label="Users"
              headers={[
                <input key="all" type="checkbox" aria-label="Select all users" />,
                "Name",
                "Email",
                "Extension",
                "Phone number",
                "License",
                "Status",
                <span key="edit" hidden>
                  Edit
                </span>,
              ]}
              rows={result.data.users.map((user) => ({
                key: user.id,
                cells: [
                  <input key="select" type="checkbox" aria-label={`Select ${user.name}`} />,
                  user.name,
                  user.email,
                  user.extensionNumber,
                  user.phoneNumber ?? "",
                  user.license ?? "",
                  user.status,
                  <Link
                    key="edit"
                    href={userPagePath(user.id)}
                    class={pencil}
                    aria-label={`Edit ${user.name}`}
                    title="Edit"
                  >
                    <PencilIcon />
                  </Link>,
                ],
              }))}
              empty="No users match."
            />
          )}
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
