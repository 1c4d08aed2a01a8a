import { describe, expect, it } from 'vitest'
import { CaptchaError } from './CaptchaError'
import './locales/id'
import './locales/ja'
import './locales/ko'
import './locales/ms'
import './locales/vi'
import './locales/zh-CN'
import './locales/zh-TW'
import { visitorMessage, visitorWordsFor } from './visitorWords'

// One word each language's sentence for "verify again" (a token refusal) must hold, and its retry label.
const EXPECTED: Record<string, { token: RegExp; retry: string }> = {
  en: { token: /Please verify again/, retry: 'Try again' },
  'zh-CN': { token: /请重新验证/, retry: '重试' },
  'zh-TW': { token: /請重新驗證/, retry: '重試' },
  ja: { token: /もう一度認証してください/, retry: 'もう一度試す' },
  ko: { token: /다시 인증해 주세요/, retry: '다시 시도' },
  ms: { token: /Sila sahkan semula/, retry: 'Cuba lagi' },
  vi: { token: /Vui lòng xác minh lại/, retry: 'Thử lại' },
  id: { token: /Silakan verifikasi lagi/, retry: 'Coba lagi' },
}

describe('visitorMessage: a retry path in the visitor language', () => {
  it.each(Object.entries(EXPECTED))(
    '%s: a refused verdict, an error of the browser, and the retry label',
    (lang, words) => {
      // A server verdict (the reference backend's refusal body) by its category; a code the browser meets
      // too, by the code alone.
      expect(visitorMessage({ error: 'token_already_used', category: 'token' }, lang)).toMatch(words.token)
      expect(visitorMessage({ error: 'token_expired' }, lang)).toMatch(words.token)
      // A CaptchaError: its category, never its developer message.
      const blocked = new CaptchaError('script_blocked')
      expect(visitorMessage(blocked, lang)).toBe(visitorWordsFor(lang).loading)
      expect(visitorMessage(blocked, lang)).not.toContain('script-src')
      expect(visitorWordsFor(lang).retry).toBe(words.retry)
    },
  )

  it('every language has words for every category, all different from English but the English', () => {
    for (const lang of Object.keys(EXPECTED).filter((each) => each !== 'en')) {
      const words = visitorWordsFor(lang)
      for (const [category, sentence] of Object.entries(visitorWordsFor('en'))) {
        expect(words[category as keyof typeof words], `${lang} ${category}`).toBeTruthy()
        expect(words[category as keyof typeof words], `${lang} ${category}`).not.toBe(sentence)
      }
    }
  })

  it('finds the language as CaptchaLa names them: regions, scripts, auto, and English otherwise', () => {
    expect(visitorWordsFor('ja-JP')).toBe(visitorWordsFor('ja'))
    expect(visitorWordsFor('zh-HK')).toBe(visitorWordsFor('zh-TW'))
    expect(visitorWordsFor('zh-Hant-TW')).toBe(visitorWordsFor('zh-TW'))
    expect(visitorWordsFor('zh')).toBe(visitorWordsFor('zh-CN'))
    expect(visitorWordsFor('fr')).toBe(visitorWordsFor('en'))
    document.documentElement.lang = 'ko'
    expect(visitorWordsFor('auto')).toBe(visitorWordsFor('ko'))
    expect(visitorWordsFor()).toBe(visitorWordsFor('ko'))
    document.documentElement.lang = ''
  })

  it('an unknown cause gets the general words, not nothing', () => {
    expect(visitorMessage({ error: 'something_new' }, 'en')).toBe(visitorWordsFor('en').visitor)
  })

  it('a category that is no category (a verdict is input) gets the general words', () => {
    for (const category of ['constructor', 'toString', '__proto__', 'retry', 'expired', ''])
      expect(visitorMessage({ error: 'x', category }, 'en'), category).toBe(visitorWordsFor('en').visitor)
  })

  // The browser bundle carries the categories of the browser's own codes only: a verdict says its category.
  it('a server-only code without its category gets the general words; with it, the words of its cause', () => {
    expect(visitorMessage({ error: 'answer_lost' }, 'en')).toBe(visitorWordsFor('en').visitor)
    expect(visitorMessage({ error: 'answer_lost', category: 'upstream' }, 'en')).toBe(
      visitorWordsFor('en').upstream,
    )
  })
})
