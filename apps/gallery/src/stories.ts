import type { CaptchalaProduct, CaptchalaTheme, LoadWhen } from '@captchala/core'

/** The forms the reference backend protects; each is its own CaptchaLa action. */
export type FormAction = 'login' | 'signup' | 'checkout' | 'comment' | 'contact'

/** The emulator's switches (`POST /__emulator/faults`) a story needs while it is open. */
export interface Switches {
  /**
   * the SDK's scripts (`down`: every script request fails, as a dead host or an ad blocker makes it; `slow`:
   * each arrives after `latencyMs`)
   */
  scripts?: 'up' | 'down' | 'slow'
  /** how long a `slow` answer takes, ms */
  latencyMs?: number
  main?: 'up' | 'down'
  backup?: 'up' | 'down'
  quotaExhausted?: boolean
  risk?: 'app' | 'low' | 'medium' | 'high'
  /** seconds a pass token lives */
  tokenTtl?: number | null
}

/** One form of a story: a widget and the button that submits through it. */
export interface FormSpec {
  action: FormAction
  product: CaptchalaProduct
  /** the submit button's text */
  submit: string
  /** what the person is told when the backend accepts */
  success: string
  /** the visible fields (the token travels on its own) */
  fields: { name: string; label: string; type?: string; value: string }[]
  /** fetch an `sct_` from the backend for this form */
  serverToken?: boolean
  theme?: CaptchalaTheme
  /** `background` keeps a token warm (invisible setups); by default a challenge runs only when one is needed */
  refresh?: 'background'
  /** a caption over the form, where a story has several */
  title?: string
  /** when the widget loads its script (`loader.when`); by default as it mounts */
  loadWhen?: LoadWhen
}

export interface Story {
  id: string
  title: string
  /** what the story shows, in a sentence or two */
  summary: string
  /** what a person should end up seeing */
  expected: string
  forms: FormSpec[]
  switches?: Switches
  /** the script's hosts start with one that fails */
  failingFirstHost?: boolean
  /**
   * the page's own policy refuses the SDK's script: its Content-Security-Policy (a second policy, `script-src
   * 'self'`, put in the page's head before any widget) or its Trusted Types (a policy that refuses every URL)
   */
  scriptBlockedBy?: 'csp' | 'trusted-types'
  /** a story with controls of its own */
  kind?: 'languages' | 'expiry' | 'native'
}

export const LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'ms', 'vi', 'id'] as const

const email = { name: 'email', label: 'Email', type: 'email', value: 'ada@example.com' }
const password = { name: 'password', label: 'Password', type: 'password', value: 'correct horse' }
const login = {
  action: 'login',
  submit: 'Log in',
  success: 'Welcome back, you are logged in.',
  fields: [email, password],
} as const satisfies Omit<FormSpec, 'product'>
const signup = {
  action: 'signup',
  submit: 'Create account',
  success: 'Your account is ready.',
  fields: [email],
} as const satisfies Omit<FormSpec, 'product'>
const comment = {
  action: 'comment',
  submit: 'Post comment',
  success: 'Your comment is posted.',
  fields: [{ name: 'comment', label: 'Comment', value: 'Lovely write-up, thank you!' }],
} as const satisfies Omit<FormSpec, 'product'>
const contact = {
  action: 'contact',
  submit: 'Send message',
  success: 'Your message is on its way.',
  fields: [email, { name: 'message', label: 'Message', value: 'Hello! A question about pricing.' }],
} as const satisfies Omit<FormSpec, 'product'>

/** The same stories, with the same ids and the same forms, in the React and the Vue gallery. */
export const STORIES: readonly Story[] = [
  {
    id: 'invisible-login',
    title: 'Invisible login',
    summary:
      'The bind product on the login button: a low-risk visitor clicks once, a proof of work runs unseen, and the form is sent.',
    expected: 'Logged in after one click, with no puzzle shown.',
    forms: [{ ...login, product: 'bind' }],
  },
  {
    id: 'popup-signup-server-token',
    title: 'Popup signup with a server token',
    summary:
      'The widget asks the backend for an sct_ bound to this visitor before each challenge, and fetches a new one when it expires.',
    expected: 'Account created; the panel shows the server token fetched before the challenge.',
    forms: [{ ...signup, product: 'popup', serverToken: true }],
  },
  {
    id: 'float-comment',
    title: 'Floating comment box',
    summary: 'The float product beside a comment form.',
    expected: 'The comment is posted.',
    forms: [{ ...comment, product: 'float' }],
  },
  {
    id: 'embed-contact',
    title: 'Embedded contact form',
    summary: 'The embed product inside the form, ticked before sending.',
    expected: 'The message is sent.',
    forms: [{ ...contact, product: 'embed' }],
  },
  {
    id: 'slide-challenge',
    title: 'Slide challenge',
    summary:
      'A medium-risk visitor gets a slide puzzle, by pointer, keyboard or screen reader (emulator switch: risk medium). The puzzle appears only when the form is sent, never on its own after (the default refresh).',
    expected: 'Logged in once the slider is at the asked position.',
    forms: [{ ...login, product: 'popup' }],
    switches: { risk: 'medium' },
  },
  {
    id: 'blocked',
    title: 'Blocked visitor',
    summary: 'A high-risk visitor is refused by CaptchaLa (emulator switch: risk high).',
    expected: 'A clear message that the request was blocked; nothing is sent to the backend.',
    forms: [{ ...login, product: 'popup' }],
    switches: { risk: 'high' },
  },
  {
    id: 'double-submit',
    title: 'Double submit',
    summary:
      'withToken guards the button: a second click while the first is on its way joins it, so the token is never sent twice.',
    expected: 'Logged in; the backend saw one request however fast the button was clicked.',
    forms: [{ ...login, product: 'popup' }],
  },
  {
    id: 'expiry-refresh',
    title: 'Expiry and refresh',
    summary:
      'Tokens live 8 seconds here (emulator switch: tokenTtl). With refresh: background the kit runs a new challenge before the token expires: for invisible setups, where no puzzle can surprise the visitor.',
    expected: 'The token is replaced before it expires; sending at any moment is accepted.',
    forms: [{ ...login, product: 'embed', refresh: 'background' }],
    switches: { tokenTtl: 8 },
    kind: 'expiry',
  },
  {
    id: 'script-fallback-host',
    title: 'Script host fallback',
    summary: 'The first script host fails (404); the loader moves on to the second, which serves.',
    expected: 'Logged in; the panel shows the failed host and the one that served.',
    forms: [{ ...login, product: 'embed' }],
    failingFirstHost: true,
  },
  ...(
    [
      ['script-blocked-csp', 'Script blocked by the page’s CSP', { scriptBlockedBy: 'csp' }],
      [
        'script-blocked-trusted-types',
        'Script refused by Trusted Types',
        { scriptBlockedBy: 'trusted-types' },
      ],
      ['script-down', 'Script host down', { switches: { scripts: 'down' } }],
    ] as const
  ).map(
    ([id, title, cause]): Story => ({
      id,
      title,
      summary:
        'The SDK’s script cannot load. Whatever the product, the visitor’s click is answered: the form’s own handler hears the load’s error (withToken is refused) and shows the visitor’s words; no button stays dead.',
      expected:
        'Each form says the verification could not load, and how to retry; nothing reaches the backend.',
      forms: [
        { ...login, product: 'bind', title: 'Bind' },
        { ...signup, product: 'popup', title: 'Popup' },
        { ...contact, product: 'embed', title: 'Embed' },
      ],
      ...cause,
    }),
  ),
  {
    id: 'script-slow',
    title: 'Slow script',
    summary:
      'The SDK’s script takes 3 s to arrive, and the widget asks for it only when the visitor first touches the form (loader.when: interaction). The first click comes before the script: the kit holds it and says so.',
    expected:
      '“Verification is loading…” under the button, heard once; then the challenge runs unseen and the form goes: logged in.',
    forms: [{ ...login, product: 'bind', loadWhen: 'interaction' }],
    switches: { scripts: 'slow', latencyMs: 3_000 },
  },
  {
    id: 'offline-fallback',
    title: 'Main API down',
    summary:
      'The main API is unreachable (emulator switch: main down). The backup issues an offline_ token, which the backend validates at the backup.',
    expected: 'Logged in with an offline token, accepted through the backup.',
    forms: [{ ...login, product: 'embed' }],
    switches: { main: 'down' },
  },
  {
    id: 'client-only-fallback',
    title: 'Main and backup down',
    summary:
      'Nothing of CaptchaLa is reachable (main and backup down). The browser makes a client-only token nobody can verify; each form decides by its policy.',
    expected: 'Login accepts it once (availability first); checkout refuses it.',
    forms: [
      { ...login, product: 'embed', title: 'Login (policy: accept client-only)' },
      {
        action: 'checkout',
        product: 'embed',
        submit: 'Place order',
        success: 'Your order is placed.',
        fields: [{ name: 'item', label: 'Item', value: 'One ticket' }],
        title: 'Checkout (policy: main API only)',
      },
    ],
    switches: { main: 'down', backup: 'down' },
  },
  {
    id: 'degraded',
    title: 'Quota exhausted',
    summary:
      'The app is over its quota (emulator switch: quotaExhausted). CaptchaLa issues a degraded dg_ token; the backend refuses it for login.',
    expected: 'A clear message that verification is limited right now.',
    forms: [{ ...login, product: 'embed' }],
    switches: { quotaExhausted: true },
  },
  {
    id: 'multiple-widgets',
    title: 'Three widgets',
    summary: 'Three widgets on one page share one script load.',
    expected: 'Each form works on its own; the page requested the script once.',
    forms: [
      { ...login, product: 'embed', title: 'Login' },
      { ...signup, product: 'embed', title: 'Signup' },
      { ...comment, product: 'embed', title: 'Comment' },
    ],
  },
  {
    id: 'languages',
    title: 'Languages',
    summary: 'The widget switches among its 8 languages in place, without loading or solving anything again.',
    expected: 'The widget speaks the chosen language; the form still works.',
    forms: [{ ...contact, product: 'embed' }],
    kind: 'languages',
  },
  {
    id: 'theme',
    title: 'Themes',
    summary: 'The dark theme, and a custom colour.',
    expected: 'Both widgets drawn in their theme, both forms work.',
    forms: [
      { ...comment, product: 'embed', theme: 'dark', title: 'Dark' },
      {
        ...contact,
        product: 'embed',
        title: 'Custom colour',
        theme: { custom: { color: '#c2185b', brightness: 'light', radius: 12 } },
      },
    ],
  },
  {
    id: 'native-form',
    title: 'Native form post',
    summary:
      'A plain HTML form: the widget fills a hidden captchala_token input and the browser posts the form itself, no JavaScript submit.',
    expected: 'The page comes back with the backend’s answer.',
    forms: [{ ...contact, product: 'embed' }],
    kind: 'native',
  },
]

export const storyById = (id: string) => STORIES.find((story) => story.id === id)
