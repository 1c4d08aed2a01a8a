import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** axe-core's source, run in the page through the DevTools protocol (a page's CSP refuses inline scripts). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeResults {
  violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }>
}

/**
 * axe's serious and critical findings on the page, or in what `include` selects (shadow roots included), each
 * as `rule: the elements it found`; an empty list when there are none.
 */
export async function axeViolations(page: Page, include = 'body'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (include) => {
    const { axe } = window as unknown as { axe: { run: (context: unknown) => Promise<AxeResults> } }
    const { violations } = await axe.run({ include: [[include]] })
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      )
  }, include)
}
