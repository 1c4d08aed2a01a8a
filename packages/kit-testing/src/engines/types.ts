import type { TextTest } from './inPage'

/** The browser engines the end-to-end suites run in. */
export type Engine = 'chromium' | 'firefox' | 'webkit'

/** The keys the suites press. */
export type KeyName = 'Tab' | 'Enter' | 'Space' | 'PageUp' | 'ArrowRight' | 'ArrowLeft'

/** A request the page sent, as the engine's driver saw it. */
export interface SeenRequest {
  url: string
  method: string
  navigation: boolean
}

/**
 * The few things a driver must do itself; everything else a suite needs is built on them, the same in every
 * engine (`pageOver`).
 */
export interface DriverPage {
  /** evaluates a JavaScript expression in the page (a promise it gives is awaited) */
  run<T>(expression: string): Promise<T>
  /** a pointer click (two with `count: 2`) on the first element `selector` names, once it stands still */
  click(selector: string, count: 1 | 2): Promise<void>
  press(key: KeyName): Promise<void>
  /** loads `url` and waits for its load event */
  goto(url: string): Promise<void>
  url(): Promise<string>
  /** the whole page, or the first element `selector` names */
  screenshot(path: string, selector?: string): Promise<void>
  /** what the page requested, when the driver sees the network (WebKit's WebDriver does not: `null`) */
  requests: SeenRequest[] | null
  /** console errors and page errors, when the driver reports them (WebKit's WebDriver does not: `null`) */
  consoleProblems: string[] | null
  close(): Promise<void>
}

/** One page in any engine, as the galleries' and the server-rendered examples' suites drive it. */
export interface EnginePage {
  readonly engine: Engine
  goto(url: string): Promise<void>
  url(): Promise<string>
  /** waits until `selector` names an element (whose text passes `text`, when given) */
  waitFor(selector: string, options?: { text?: TextTest }): Promise<void>
  /** waits until `read` gives a value that passes `test`, and returns it */
  until<T>(read: () => Promise<T>, test: (value: T) => boolean, what: string): Promise<T>
  /** a pointer click (a double one with `count: 2`) on the first element `selector` names (with `text`, when given) */
  click(selector: string, options?: { count?: 1 | 2; text?: TextTest }): Promise<void>
  press(key: KeyName): Promise<void>
  /** sets a `<select>`'s value as a person's choice does (input and change events) */
  select(selector: string, value: string): Promise<void>
  /** how many elements `selector` names now (without waiting) */
  count(selector: string): Promise<number>
  /** `text`, `attribute` and `value` wait for their element first */
  text(selector: string): Promise<string | null>
  attribute(selector: string, name: string): Promise<string | null>
  /** an input's value */
  value(selector: string): Promise<string | null>
  /** whether the first element `selector` names has the focus */
  focused(selector: string): Promise<boolean>
  /** `attribute` of every element `selector` names, in document order */
  attributes(selector: string, name: string): Promise<Array<string | null>>
  run<T>(expression: string): Promise<T>
  screenshot(path: string, selector?: string): Promise<void>
  /** what the page sent, where the engine's driver sees it (`null` in WebKit) */
  readonly requests: SeenRequest[] | null
  /** the problems the page's listener recorded (`PROBLEMS_LISTENER`), and the driver's console errors */
  problems(): Promise<string[]>
  close(): Promise<void>
}

/** A browser of one engine. `preload` is a script for every new document, where the driver can run one. */
export interface EngineBrowser {
  readonly engine: Engine
  newPage(options?: { viewport?: { width: number; height: number }; preload?: string }): Promise<EnginePage>
  close(): Promise<void>
}
