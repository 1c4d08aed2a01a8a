import { createPowSolver, type PowResult } from './powSolver'
import { createSha256 } from './sha256'

/** What the worker's `blob:` URL goes through on a page that enforces Trusted Types: the kit's policy. */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown
}
let workerUrlPolicy: ScriptUrlPolicy | undefined

/**
 * Starts workers through the policy the kit's loader handed over on the script tag (a page that enforces
 * Trusted Types refuses a plain string for a worker's URL, and allows one policy name: the kit's).
 */
export function startWorkersThrough(policy: ScriptUrlPolicy | undefined) {
  workerUrlPolicy = policy
}

const solveOnPage = (salt: string, difficulty: number, limit?: number) =>
  createPowSolver(createSha256())(salt, difficulty, limit)

// The worker's whole source: the two factories, pasted in as written (neither refers to anything outside it).
const WORKER_SOURCE = `const solve = (${createPowSolver})((${createSha256})());
self.onmessage = async (event) => self.postMessage(await solve(...event.data))`

/**
 * Runs the proof of work in a Web Worker built from a Blob (a worker cannot be loaded from another origin).
 * A CSP that allows no blob: workers refuses it (as Trusted Types do without a policy for its URL), and the
 * same loop runs on the page instead.
 */
export function runPow(salt: string, difficulty: number, limit?: number): Promise<PowResult> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }))
      worker = new Worker((workerUrlPolicy ? workerUrlPolicy.createScriptURL(url) : url) as string)
      URL.revokeObjectURL(url)
    } catch {
      return resolve(solveOnPage(salt, difficulty, limit))
    }
    worker.onmessage = (event: MessageEvent<PowResult>) => {
      worker.terminate()
      resolve(event.data)
    }
    worker.onerror = (event) => {
      event.preventDefault()
      worker.terminate()
      resolve(solveOnPage(salt, difficulty, limit))
    }
    worker.postMessage([salt, difficulty, limit])
  })
}
