import { browserCategoryOf, CATEGORIES, type Category } from '@captchala/contract'

/**
 * What a visitor is told when verification failed, by cause (the `category` of the error or the server's
 * verdict), when the token they had expired, while their click waits for the script to load, and the retry
 * button's label: a retry path in their language, never a developer's message.
 */
export type VisitorWords = Record<Category, string> & { expired: string; waiting: string; retry: string }

/** English, built in; each other language is its own entry (`@captchala/core/locales/ja`). */
const ENGLISH: VisitorWords = {
  token: 'This verification expired or was already used. Please verify again.',
  config: 'Verification is not available on this page right now. Please try again later.',
  loading: 'The verification could not load. Check your connection or content blocker, then try again.',
  request: 'Verification could not be completed. Please try again in a moment.',
  upstream: 'The verification service is not answering. Please try again in a moment.',
  visitor: 'Verification did not succeed. Please try again.',
  policy: 'Verification is limited right now. Please try again in a few minutes.',
  expired: 'Your verification expired. Please verify again.',
  waiting: 'Verification is loading…',
  retry: 'Try again',
}

const registered = new Map<string, VisitorWords>([['en', ENGLISH]])

/** Adds a language (what `@captchala/core/locales/*` do when imported); `lang` as CaptchaLa names it. */
export function registerLocale(lang: string, words: VisitorWords): void {
  registered.set(lang.toLowerCase(), words)
}

// Chinese by script: Taiwan, Hong Kong, Macau and `Hant` read Traditional; the rest Simplified.
const TRADITIONAL = /^zh-(tw|hk|mo|hant)/

/**
 * The words for `lang`: a registered language (`ja`, `zh-TW`), its base (`ja-JP` gives `ja`), else English.
 * `auto` (and no `lang`): the page's language (`<html lang>`), then the browser's.
 */
export function visitorWordsFor(lang?: string): VisitorWords {
  const wanted = (
    !lang || lang === 'auto'
      ? globalThis.document?.documentElement.lang || globalThis.navigator?.language || 'en'
      : lang
  ).toLowerCase()
  const chinese = wanted.startsWith('zh') ? (TRADITIONAL.test(wanted) ? 'zh-tw' : 'zh-cn') : undefined
  return registered.get(wanted) ?? registered.get(chinese ?? wanted.split('-')[0]!) ?? ENGLISH
}

/** A failure as the kit or a server gives it: a `CaptchaError`, or a verdict with its `category` or code. */
export interface VisitorFacingFailure {
  category?: string | null | undefined
  code?: string | null | undefined
  error?: string | null | undefined
}

/**
 * What to tell the visitor about a failure (a `CaptchaError`, or the server's verdict: `@captchala/server`'s
 * result, or the reference backend's refusal body), in `lang`: one sentence with the way forward. A verdict is
 * read by its `category` (send it to the browser with `error`): the browser knows the categories of its own
 * codes only, and gives the general words for a server code that comes without one.
 */
export function visitorMessage(failure: VisitorFacingFailure, lang?: string): string {
  const words = visitorWordsFor(lang)
  const category = (failure.category ?? browserCategoryOf(failure.code ?? failure.error)) as
    | Category
    | undefined
  // A verdict's category is input: only one of the categories picks words (`constructor`, `retry` name none).
  return (CATEGORIES.includes(category!) && words[category!]) || words.visitor
}
