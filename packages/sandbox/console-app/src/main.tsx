import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { SessionView } from "../../src/console/console-views.js";
import { api } from "./api.js";
import { css, cx, globalCss } from "./css.js";
import { SmsPage } from "./pages/sms-page.js";
import { UserProfilePage } from "./pages/user-profile-page.js";
import { UsersPage } from "./pages/users-page.js";
import { Link, navigate, usePathname } from "./router.js";

globalCss(
  "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f6f8;color:#1b2733;}*{box-sizing:border-box;}",
);

const layout = css(
  "display:grid;grid-template-columns:220px 1fr;grid-template-rows:56px 1fr;min-height:100vh;",
  "Layout",
);
const header = css(
  "grid-column:1/3;display:flex;align-items:center;justify-content:space-between;padding:0 20px;background:#0b1f35;color:#fff;",
  "Header",
);
const brand = css("font-weight:700;font-size:17px;letter-spacing:.2px;");
const nav = css("background:#fff;border-right:1px solid #dfe3e8;padding:16px 0;", "Nav");
const navLink = css(
  "display:block;padding:10px 24px;color:#1b2733;text-decoration:none;font-size:14px;&:hover{background:#f0f4f8;}",
  "NavLink",
);
const navActive = css("background:#e8f0fd;color:#1a4fa8;font-weight:600;border-left:3px solid #2f6fdb;");
const main = css("padding:24px 32px;min-width:0;", "Main");

function NotFound() {
  return <h1>Page not found</h1>;
}

function currentPage(pathname: string) {
  // `/people/<id>/profile` is the `other-path` variant's address for the same page (markup-variants.ts); it is
  // served in every variant, as a console keeps old and new routes alive while links move.
  const profile =
    /^\/users\/user\/([^/]+)\/?$/.exec(pathname) ?? /^\/people\/([^/]+)\/profile\/?$/.exec(pathname);
  if (profile) return <UserProfilePage userId={decodeURIComponent(profile[1]!)} />;
  if (/^\/users\/?$/.test(pathname)) return <UsersPage />;
  if (/^\/sms\/?$/.test(pathname)) return <SmsPage />;
  return <NotFound />;
}

/** The shell (header and left navigation) renders at once; the page inside fetches its own data. */
function App() {
  const pathname = usePathname();
  const [session, setSession] = useState<SessionView | null>(null);
  useEffect(() => {
    if (pathname === "/") navigate("/users", { replace: true });
  }, [pathname]);
  useEffect(() => {
    api<SessionView>("/api/session").then(setSession, () => setSession(null));
  }, []);
  const section = pathname.startsWith("/sms")
    ? "sms"
    : pathname.startsWith("/users") || pathname.startsWith("/people/")
      ? "users"
      : "";
  return (
    <div class={layout}>
      <header class={header}>
        <span class={brand}>8x8 Admin Console</span>
        <span>{session?.company.name ?? ""}</span>
      </header>
      <nav class={nav} aria-label="Main navigation">
        <Link
          href="/users"
          class={cx(navLink, section === "users" && navActive)}
          aria-current={section === "users" ? "page" : undefined}
        >
          Users
        </Link>
        <Link
          href="/sms"
          class={cx(navLink, section === "sms" && navActive)}
          aria-current={section === "sms" ? "page" : undefined}
        >
          SMS
        </Link>
      </nav>
      <main class={main}>{currentPage(pathname)}</main>
    </div>
  );
}

render(<App />, document.getElementById("root")!);
