import type { SeenRequest } from './types'

/** What Playwright's and puppeteer's requests share. */
interface RequestLike {
  url(): string
  method(): string
  isNavigationRequest(): boolean
}

/** Console levels that count as a page's problem (Playwright says `warning`, puppeteer `warn`). */
const PROBLEM_LEVELS = new Set(['error', 'warning', 'warn'])

/**
 * What a driver that sees the network and the console (CDP, WebDriver BiDi) keeps of a page: its requests and
 * its console errors, warnings and page errors. The driver hands its events to these listeners.
 */
export function driverRecord() {
  const requests: SeenRequest[] = []
  const consoleProblems: string[] = []
  return {
    requests,
    consoleProblems,
    onRequest: (request: RequestLike) => {
      requests.push({
        url: request.url(),
        method: request.method(),
        navigation: request.isNavigationRequest(),
      })
    },
    onConsole: (level: string, text: string) => {
      if (PROBLEM_LEVELS.has(level)) consoleProblems.push(`console ${level}: ${text}`)
    },
    onPageError: (error: unknown) => {
      consoleProblems.push(`page error: ${error instanceof Error ? error.message : String(error)}`)
    },
  }
}
