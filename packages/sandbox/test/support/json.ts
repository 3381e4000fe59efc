/** A response body for assertions; its shape is what the test checks. */
// biome-ignore lint/suspicious/noExplicitAny: bodies are checked by the assertions that read them
export type Json = any;

export async function json(response: Response | Promise<Response>): Promise<Json> {
  return (await response).json();
}
