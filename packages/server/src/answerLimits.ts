/**
 * How much of an answer the SDK reads. CaptchaLa's answers are a few hundred bytes (a validation's envelope
 * with its `captcha_args`); 64 KiB is a hundred times that. Anything larger is not CaptchaLa's answer (a
 * flood, a decompression bomb, a proxy's page) and reading on would let whoever answers decide how much
 * memory and time each call takes: the read stops there and the call ends as a lost answer.
 */
export const MAX_ANSWER_BYTES = 64 * 1024

/** The message a read past the cap rejects with; its connection is dropped. */
export const TOO_LARGE = `answer over ${MAX_ANSWER_BYTES} bytes`

/**
 * Reads a Fetch API body as UTF-8 text, at most `maxBytes` of it (counted as the stream hands them over:
 * decompressed, where `fetch` decompresses), then cancels the rest, which drops its connection; `cut` says
 * the body went on. Ends when `signal` aborts, whatever the stream does: a runtime that keeps decompressing
 * or dripping cannot hold the read past the deadline.
 */
export async function readCappedText(
  body: ReadableStream<Uint8Array<ArrayBuffer>> | null,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ text: string; cut: boolean }> {
  const reader = (body ?? new Blob().stream()).getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let room = maxBytes
  const stop = () => reader.cancel().catch(() => {})
  if (signal.aborted) {
    stop()
    throw signal.reason
  }
  signal.addEventListener('abort', stop)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (signal.aborted) throw signal.reason
      if (done) return { text: await new Blob(chunks).text(), cut: false }
      if (value.byteLength > room) {
        stop()
        return { text: await new Blob([...chunks, value.subarray(0, room)]).text(), cut: true }
      }
      chunks.push(value)
      room -= value.byteLength
    }
  } finally {
    signal.removeEventListener('abort', stop)
  }
}
