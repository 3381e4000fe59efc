/** The sandbox's saved replica pages (packages/sandbox/fixtures/pages) with what each one truly shows. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { CompanySmsRegistration, UserSnapshot } from "@sms-doctor/core";
import type { MarkupVariant } from "@sms-doctor/sandbox";

const pagesDir = join(
  dirname(createRequire(import.meta.url).resolve("@sms-doctor/sandbox/package.json")),
  "fixtures",
  "pages",
);

export type SavedPage =
  | {
      file: string;
      scenario: string;
      path: string;
      page: "user";
      variant: string | null;
      /** The replica's markup variants the page was rendered in (absent: the default markup). */
      markup?: MarkupVariant[];
      /** True when the SMS section is collapsed: its number, switch and status are not in the page. */
      collapsed?: true;
      userId: string;
      truth: UserSnapshot;
    }
  | {
      file: string;
      scenario: string;
      path: string;
      page: "sms";
      variant: string | null;
      markup?: MarkupVariant[];
      truth: CompanySmsRegistration;
    }
  | {
      file: string;
      scenario: string;
      path: string;
      page: "users";
      variant: string | null;
      markup?: MarkupVariant[];
    };

export const savedPages: SavedPage[] = JSON.parse(readFileSync(join(pagesDir, "index.json"), "utf8"));

export function savedPageHtml(file: string): string {
  return readFileSync(join(pagesDir, file), "utf8");
}
