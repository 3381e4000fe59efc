/** Sends a message to the background and unwraps its reply; throws with the background's words on failure. */
import type { ContentMessage, ExtensionPageMessage } from "./message-schemas";
import type { Reply, ReplyFor } from "./messages";

export async function send<M extends ContentMessage | ExtensionPageMessage>(
  message: M,
): Promise<ReplyFor[M["type"]]> {
  const reply = (await chrome.runtime.sendMessage(message)) as Reply<ReplyFor[M["type"]]> | undefined;
  if (!reply) throw new Error("SMS Doctor's background did not answer");
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
