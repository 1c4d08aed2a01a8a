import type { Browser, Page } from 'playwright-core'

/** Debian's Chromium through playwright-core, headless, with the flags this machine needs (and `args`). */
export declare function launchChromium(options?: { args?: string[] }): Promise<Browser>
/** Solves the emulator's slide puzzle by keyboard, through its aria description; the asked and reached positions. */
export declare function solveSlide(page: Page): Promise<{ target: number; reached: number }>
