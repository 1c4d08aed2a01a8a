import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { EMULATOR_HEADER } from '@captchala/contract'
import { MAX_ANSWER_BYTES, TOO_LARGE } from './answerLimits'
import type { Transport, TransportAnswer } from './transport'

/**
 * Connections kept per CaptchaLa origin: enough for a busy server's concurrent validations (each holds one
 * for a few milliseconds), bounded so that a hung API cannot take every socket the process may open.
 */
export const MAX_CONNECTIONS_PER_ORIGIN = 64
/**
 * How long an idle connection is kept: shorter than the usual 5 s of a server's keep-alive (Node's own
 * default), so that this side closes first and a call rarely meets a socket the server has just closed.
 */
export const IDLE_TIMEOUT_MS = 4_000

/**
 * The Node transport: `node:http` / `node:https` with a keep-alive agent per protocol. Node's `fetch` builds
 * web streams, `Request` and `Response` objects and signals on every call: five to fourteen times the CPU of
 * a plain request, paid on every login. No dependency: undici (what `fetch` is built on) was the other
 * candidate, but importing it installs its own agent as the process's global `fetch` dispatcher, which would
 * change every other `fetch` of the app. `close()` ends every connection.
 */
export function nodeTransport(): Transport {
  const options = { keepAlive: true, maxSockets: MAX_CONNECTIONS_PER_ORIGIN, timeout: IDLE_TIMEOUT_MS }
  const agents = { http: new HttpAgent(options), https: new HttpsAgent(options) }
  return {
    post(url, body, headers, signal) {
      const secure = url.startsWith('https:')
      const send = secure ? httpsRequest : httpRequest
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason)
        const request = send(
          url,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
            agent: secure ? agents.https : agents.http,
          },
          (response) => resolve(answerOf(response)),
        )
        // The deadline ends the request, its answer's body included. Node's own `signal` option watches the
        // stream's whole life for this (about a quarter of the transport's CPU per call, pnpm bench); one
        // listener, removed when the request closes, does the same.
        // Rejected here too: a request still queued for a socket emits nothing until it gets one.
        const abort = () => {
          request.destroy(signal.reason)
          reject(signal.reason)
        }
        signal.addEventListener('abort', abort, { once: true })
        request.once('close', () => signal.removeEventListener('abort', abort))
        // A reset, even on a reused idle socket, is not retried when the call consumes: it cannot be told from
        // a server (or proxy) that read the request and then closed. The idle timeout, shorter than a
        // server's keep-alive, keeps that race rare.
        request.on('error', reject)
        request.end(body)
      })
    },
    close() {
      agents.http.destroy()
      agents.https.destroy()
    },
  }
}

/**
 * An answer, read as it comes off the socket: node:http does not decompress, so the cap counts the bytes
 * that arrived. A `Content-Length` past it is refused before a byte of the body is read.
 */
function answerOf(response: IncomingMessage): TransportAnswer {
  const tooLarge = () => {
    response.destroy()
    return new Error(TOO_LARGE)
  }
  return {
    status: response.statusCode ?? 0,
    emulated: response.headers[EMULATOR_HEADER] !== undefined,
    redirected: false,
    location: response.headers.location ?? null,
    json() {
      // Events rather than `for await`: a stream's async iterator costs more than the few chunks it reads.
      return new Promise((resolve, reject) => {
        if (response.destroyed) return reject(new Error('answer cut before its end'))
        if (Number(response.headers['content-length']) > MAX_ANSWER_BYTES) return reject(tooLarge())
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_ANSWER_BYTES) reject(tooLarge())
          else chunks.push(chunk)
        })
        response.once('error', reject)
        // Cut before its end (the deadline, a reset) without an error event in some Node versions.
        response.once('close', () => response.complete || reject(new Error('answer cut before its end')))
        response.once('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
          } catch (error) {
            reject(error)
          }
        })
      })
    },
    // Not drained for the connection's sake: a failing URL's body may be endless or dripping, and a
    // reconnection costs less than reading whatever it sends.
    async discard() {
      response.destroy()
    },
  }
}
