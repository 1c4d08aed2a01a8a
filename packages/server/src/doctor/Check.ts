import type { Category } from '@captchala/contract'

/**
 * One line of the checklist. A `problem` fails the run (exit 1); a `warning` and a `not_visible` line (a value
 * the doctor cannot see from outside, such as a loader option set at run time) do not.
 */
export type Verdict = 'ok' | 'problem' | 'warning' | 'not_visible'

export interface Check {
  /** the stage, in the kit's one vocabulary: config, upstream, loading (the page), token */
  stage: Category
  /** what was checked, e.g. "main URL answers" */
  name: string
  verdict: Verdict
  /** what was seen: figures, codes, URLs; never the secret or a token */
  detail: string
  /** what to do, for a problem or a warning */
  fix?: string
}

export const ok = (stage: Category, name: string, detail: string): Check => ({
  stage,
  name,
  verdict: 'ok',
  detail,
})

export const problem = (stage: Category, name: string, detail: string, fix: string): Check => ({
  stage,
  name,
  verdict: 'problem',
  detail,
  fix,
})

export const warning = (stage: Category, name: string, detail: string, fix: string): Check => ({
  stage,
  name,
  verdict: 'warning',
  detail,
  fix,
})
