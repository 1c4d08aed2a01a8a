import { describe, expect, it } from 'vitest'
import { readCappedText } from './answerLimits'

// A body that hands over `chunks` one read at a time, then waits forever (a stalled source), counting reads.
function bodyOf(chunks: string[]) {
  const encoder = new TextEncoder()
  let reads = 0
  const body = new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        const next = chunks[reads++]
        if (next !== undefined) controller.enqueue(encoder.encode(next))
        // Nothing more: a pull that never enqueues again leaves the next read pending, as a dripping body does.
      },
    },
    { highWaterMark: 0 },
  )
  return { body, reads: () => reads }
}

describe('readCappedText', () => {
  it('reads a body under the cap whole', async () => {
    const body = new Response('{"a":1}').body!
    expect(await readCappedText(body, 64, new AbortController().signal)).toEqual({
      text: '{"a":1}',
      cut: false,
    })
  })

  it('stops at the cap within the chunk that crossed it, and reads no further', async () => {
    const { body, reads } = bodyOf(['12345', '67890', 'abcde'])
    expect(await readCappedText(body, 7, new AbortController().signal)).toEqual({
      text: '1234567',
      cut: true,
    })
    expect(reads()).toBe(2)
  })

  it('ends a pending read when the signal aborts', async () => {
    const { body } = bodyOf(['12'])
    const deadline = new AbortController()
    const reading = readCappedText(body, 64, deadline.signal)
    setTimeout(() => deadline.abort(new Error('deadline')), 10)
    await expect(reading).rejects.toThrow('deadline')
  })

  it('reads nothing when the signal was aborted before it began', async () => {
    const { body, reads } = bodyOf(['12'])
    const deadline = new AbortController()
    deadline.abort(new Error('deadline'))
    await expect(readCappedText(body, 64, deadline.signal)).rejects.toThrow('deadline')
    expect(reads()).toBe(0)
  })
})
