// The Users list's badges for user ids chosen by whoever named the users: "__proto__" is a user like any
// other, never a way to read Object.prototype as a verdict.
import { afterEach, describe, expect, it } from "vitest";
import { usersListBadges } from "../../src/content/features/users-list-badges";

afterEach(() => {
  document.body.replaceChildren();
});

describe("the Users list's badges", () => {
  it('badge the users the background names, and no one else, a user "__proto__" included', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      "https://admin.8x8.com/users",
    );
    document.body.innerHTML = `<table>
      <tr><td><a href="/users/user/__proto__">Proto</a></td></tr>
      <tr><td><a href="/users/user/u-bob">Bob</a></td></tr>
      <tr><td><a href="/users/user/u-carol">Carol</a></td></tr></table>`;
    const asked: string[][] = [];
    (globalThis as unknown as { chrome: unknown }).chrome = {
      runtime: {
        sendMessage: async (message: { userIds: string[] }) => {
          asked.push(message.userIds);
          // As the background's reply arrives: plain objects of the users it knows.
          return {
            ok: true,
            value: JSON.parse(
              '{"verdicts":{"u-bob":"cannot-send"},"titles":{"u-bob":"SMS Doctor: SMS is off; the cause can\'t be told from what was seen"}}',
            ),
          };
        },
      },
    };
    const abort = new AbortController();
    usersListBadges.init({
      signal: abort.signal,
      url: new URL("https://admin.8x8.com/users"),
      softNavigation: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toEqual([["__proto__", "u-bob", "u-carol"]]);
    const badged = [...document.querySelectorAll("[data-verdict]")].map((el) =>
      el.getAttribute("data-verdict"),
    );
    expect(badged.length).toBeGreaterThan(0);
    expect(new Set(badged)).toEqual(new Set(["cannot-send"]));
    // The tooltip names the cause as the background worded it (an only-possible one as "can't be told").
    const badge = document.querySelector("[data-sms-doctor-badge]")!.shadowRoot!.querySelector(".badge");
    expect(badge?.getAttribute("title")).toBe(
      "SMS Doctor: SMS is off; the cause can't be told from what was seen",
    );
    abort.abort();
  });
});
