/**
 * Reads a body as text, failing with `tooLarge()` as soon as more than `max` bytes have arrived. Bytes are counted
 * after decompression, so a small gzip body that inflates to hundreds of megabytes is stopped early.
 */
export async function readText(
  response: Response,
  max: number,
  tooLarge: () => unknown,
): Promise<string> {
  const body = response.body;
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > max) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Gives up on a body without reading it (releasing the connection). */
export function discard(response: Response): void {
  if (response.body && !response.bodyUsed) response.body.cancel().catch(() => {});
}
