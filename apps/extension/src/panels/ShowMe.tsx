/** "Show me" beside a step that names a control on this page. */
import { showMe } from "../content/show-me";
import type { PageControl } from "../messaging/messages";
import { ActionButton } from "./CopyButton";

export function ShowMe({ control }: { control: PageControl }) {
  return <ActionButton label="Show me" act={() => (showMe(control) ? "" : "Not on this page")} />;
}
