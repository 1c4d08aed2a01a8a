import type { Browser } from 'playwright-core'

export declare const CHROMIUM: string
/** Debian's Chromium through playwright-core, headless, with the flags this machine needs. */
export declare function launchChromium(): Promise<Browser>
