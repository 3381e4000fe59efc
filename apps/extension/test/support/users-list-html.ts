/** A hand-written Home > Users list: one row per user with a link to their page. */
export function usersListHtml(users: { id: string; name: string }[]): string {
  const rows = users
    .map(
      (user) =>
        `<div role="row" class="css-r"><div role="cell"><input type="checkbox"></div><div role="cell"><a href="/users/user/${user.id}">${user.name}</a></div><div role="cell">X Series - X4</div></div>`,
    )
    .join("");
  return `<!doctype html><html><body><div id="root"><main><h1>Users</h1><div role="table">${rows}</div></main></div></body></html>`;
}
