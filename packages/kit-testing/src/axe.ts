import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** axe-core's source, run in the page by the driver (a page's CSP refuses inline scripts). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** What runs a script in the page: an `EnginePage` of any engine. */
interface RunsInPage {
  run<T>(expression: string): Promise<T>
}

/**
 * axe's serious and critical findings on the page, or in what `include` selects (shadow roots included), each
 * as `rule: the elements it found`; an empty list when there are none.
 */
export async function axeViolations(page: RunsInPage, include = 'body'): Promise<string[]> {
  // Wrapped so that every driver evaluates it the same way (WebDriver runs a function body, CDP an expression).
  if (!(await page.run<boolean>("'axe' in window"))) await page.run(`(() => { ${AXE_SOURCE}\n })()`)
  return page.run(`(async () => {
    const { violations } = await window.axe.run({ include: [[${JSON.stringify(include)}]] })
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id + ': ' + violation.nodes.map((node) => node.target.join(' ')).join(', '))
  })()`)
}
