import type {
  CaptchalaErrorArg,
  CaptchalaInitOptions,
  CaptchalaProduct,
  CaptchalaSuccess,
  CaptchalaWidget,
} from '@captchala/contract'
import { dataOf, post } from './api'
import {
  CHALLENGE_FAILED,
  errorOf,
  type FetchedChallenge,
  fallbackToken,
  fetchChallenge,
  messageOf,
  PREFETCH_FRESH_MS,
  RISK_REFUSED,
  WRONG_ANSWER,
} from './challenge'
import { applyTheme, el, elementOf, ensureStylesheet } from './dom'
import { SDK_PATH, type TokenData } from './protocol'
import { runPow } from './runPow'
import { slide } from './slider'
import { textsFor } from './translations'

/** Where the script came from: its API calls and its stylesheet go there. */
export interface ScriptOrigin {
  base: string
  nonce: string | undefined
}

type WidgetState = 'idle' | 'verifying' | 'passed' | 'error'

// Both forms the real SDK uses reach onError: "message (code)" strings and { message, code } objects.
type ErrorForm = (message: string, code: string) => CaptchalaErrorArg
const asString: ErrorForm = (message, code) => `${message} (${code})`
const asObject: ErrorForm = (message, code) => ({ message, code })

/** `init` options as the integration snippet of CaptchaLa's demo pages passes them: callbacks and targets too. */
type InitOptions = CaptchalaInitOptions & {
  container?: string | Element
  bindTo?: string | Element
  onSuccess?: (res: CaptchalaSuccess) => void
  onError?: (err: CaptchalaErrorArg) => void
  onClose?: () => void
  onReady?: () => void
}

interface Handlers {
  success?: (res: CaptchalaSuccess) => void
  error?: (err: CaptchalaErrorArg) => void
  close?: () => void
  ready?: () => void
}

/** One widget, as `Captchala.init` returns it (CONTRACT.md section 1). */
export function createWidget({ base, nonce }: ScriptOrigin, initOptions: InitOptions): CaptchalaWidget {
  const options: InitOptions & { product: CaptchalaProduct } = {
    product: 'popup',
    action: 'default',
    ...initOptions,
  }
  const handlers: Handlers = {
    success: options.onSuccess,
    error: options.onError,
    close: options.onClose,
    ready: options.onReady,
  }
  let texts = textsFor(options.lang)
  let root: HTMLElement | null = null
  let bound: Element | null = null
  let overlay: HTMLElement | null = null
  let prefetched: FetchedChallenge | null = null
  let run = 0 // bumped by reset/destroy: a challenge of an older run reports nothing
  let busy = false
  let token: string | null = null
  let destroyed = false

  const trigger = () => root?.querySelector<HTMLButtonElement>('.captchala-trigger') ?? null

  function render(state: WidgetState, message?: string) {
    if (!root) return
    root.dataset.state = state
    const button = trigger()
    if (!button) return
    const label = {
      idle: texts.prompt,
      verifying: texts.verifying,
      passed: texts.verified,
      error: message || texts.failed,
    }[state]
    const labelNode = button.querySelector('.captchala-label')
    if (labelNode) labelNode.textContent = label
    // Busy, not disabled: a disabled button drops the keyboard focus to <body> (a click meanwhile is ignored).
    button.setAttribute('aria-busy', String(state === 'verifying'))
    if (options.product === 'embed') button.setAttribute('aria-checked', String(state === 'passed'))
    const live = root.querySelector('.captchala-live')
    if (live) live.textContent = label
  }

  function closeOverlay() {
    overlay?.remove()
    overlay = null
  }

  // The challenge's panel: in the widget for `float` and `embed`, over the page for `popup` and `bind`.
  function openPanel() {
    closeOverlay()
    const panel = el('div', 'captchala-panel', {
      role: 'dialog',
      'aria-modal': options.product === 'float' ? 'false' : 'true',
      'aria-label': texts.title,
    })
    const close = el('button', 'captchala-close', { type: 'button', 'aria-label': texts.close })
    close.textContent = '×'
    close.addEventListener('click', () => {
      run++
      busy = false
      closeOverlay()
      render(token ? 'passed' : 'idle')
      handlers.close?.()
    })
    const title = el('div', 'captchala-title')
    title.textContent = texts.title
    panel.append(title, close)
    const inWidget = root && (options.product === 'float' || options.product === 'embed')
    if (root && inWidget) {
      overlay = panel
      panel.classList.add(options.product === 'float' ? 'captchala-floating' : 'captchala-inline')
      root.appendChild(panel)
    } else {
      overlay = el('div', 'captchala-overlay')
      overlay.appendChild(panel)
      if (root?.classList.contains('captchala-dark')) overlay.classList.add('captchala-dark')
      document.body.appendChild(overlay)
    }
    return panel
  }

  function succeed(mine: number, res: CaptchalaSuccess) {
    if (mine !== run) return
    busy = false
    token = res.token
    closeOverlay()
    render('passed')
    handlers.success?.(res)
  }

  function fail(mine: number, message: string, code: string, form = asObject) {
    if (mine !== run) return
    busy = false
    closeOverlay()
    render('error', message)
    handlers.error?.(form(message, code))
  }

  // Every challenge ends in onSuccess, onError or onClose: whatever throws inside one (a solver that
  // cannot run, a script error) is reported with a code, never left on "Verifying…".
  async function start() {
    if (busy || destroyed) return
    busy = true
    const mine = ++run
    token = null
    render('verifying')
    try {
      await runChallenge(mine)
    } catch (error) {
      fail(mine, texts.failed, CHALLENGE_FAILED)
      console.error('captchala-emulator: the challenge failed', error)
    }
  }

  async function runChallenge(mine: number) {
    let hint = ''
    for (;;) {
      const fresh =
        prefetched && Date.now() - prefetched.at < PREFETCH_FRESH_MS
          ? prefetched
          : await fetchChallenge(base, options)
      prefetched = null
      if (mine !== run) return
      const { answer } = fresh
      const refusal = errorOf(answer)
      if (refusal === RISK_REFUSED) return fail(mine, texts.refused, refusal, asString)
      if (refusal) return fail(mine, messageOf(answer) ?? texts.failed, refusal)
      const challenge = dataOf(answer)
      if (!challenge) return succeed(mine, await fallbackToken(base, options))
      if (challenge.tier === 'degraded')
        return succeed(mine, { token: challenge.token, action: options.action, ttl: challenge.ttl })
      // Invisible for bind; the visible products show the spinner of their trigger meanwhile.
      const solution =
        challenge.tier === 'low'
          ? await runPow(challenge.pow.salt, challenge.pow.difficulty)
          : { position: await slide(openPanel(), challenge.slide.target, hint, texts) }
      if (mine !== run) return
      const result = await post<TokenData>(base, SDK_PATH.answer, {
        challenge_id: challenge.challenge_id,
        ...solution,
      })
      if (mine !== run) return
      const verdict = errorOf(result)
      const passed = dataOf(result)
      if (verdict === null && !passed) return succeed(mine, await fallbackToken(base, options))
      if (passed) {
        const { token: passToken, ttl, challenge_id, action } = passed
        return succeed(mine, { token: passToken, challengeId: challenge_id, action, ttl })
      }
      if (verdict !== WRONG_ANSWER)
        return fail(mine, messageOf(result) ?? texts.failed, verdict ?? '', asString)
      hint = texts.retry
    }
  }

  async function prefetch() {
    prefetched = await fetchChallenge(base, options)
    if (!destroyed) handlers.ready?.()
  }

  // The bound button's click is held until the challenge passes, as CaptchaLa's SDK does (WordPress's
  // bootstrap relies on it): the form is not sent without a token. With a token, the click goes through.
  const onBoundClick = (event: Event) => {
    if (token) return
    event.preventDefault()
    start()
  }

  // onSuccess, onError, onClose, onReady: each keeps its callback and returns the widget, to chain.
  const on =
    <Name extends keyof Handlers>(name: Name) =>
    (callback: Handlers[Name]) => {
      handlers[name] = callback
      return widget
    }
  const widget: CaptchalaWidget = {
    onSuccess: on('success'),
    onError: on('error'),
    onClose: on('close'),
    onReady: on('ready'),
    appendTo(target) {
      const host = elementOf(target)
      ensureStylesheet(base, nonce)
      root = el('div', `captchala captchala-${options.product}`, { role: 'group', 'aria-label': texts.title })
      const button = el(
        'button',
        'captchala-trigger',
        options.product === 'embed'
          ? { type: 'button', role: 'checkbox', 'aria-checked': 'false' }
          : { type: 'button' },
      )
      button.append(el('span', 'captchala-icon', { 'aria-hidden': 'true' }), el('span', 'captchala-label'))
      button.addEventListener('click', () => start())
      root.append(button, el('span', 'captchala-live', { 'aria-live': 'polite' }))
      applyTheme(root, options.theme)
      host.appendChild(root)
      render('idle')
      prefetch()
      return widget
    },
    bindTo(target) {
      bound = elementOf(target)
      ensureStylesheet(base, nonce)
      // The app's own click handlers run too; only the click's default action (the submission) is held.
      bound.addEventListener('click', onBoundClick)
      prefetch()
      return widget
    },
    verify: () => start(),
    showCaptcha: () => start(),
    reset() {
      run++
      busy = false
      token = null
      closeOverlay()
      render('idle')
    },
    destroy() {
      destroyed = true
      run++
      closeOverlay()
      root?.remove()
      root = null
      bound?.removeEventListener('click', onBoundClick)
      bound = null
    },
    setLang(lang) {
      options.lang = lang
      texts = textsFor(lang)
      if (root) {
        root.setAttribute('aria-label', texts.title)
        render((root.dataset.state as WidgetState | undefined) ?? 'idle')
      }
    },
  }
  // ...and where to mount: `container` as appendTo, `bindTo` as bindTo (a popup bound to a button, too).
  if (options.container) widget.appendTo(options.container)
  if (options.bindTo) widget.bindTo(options.bindTo)
  return widget
}
