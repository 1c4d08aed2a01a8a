import type { CaptchaOptions } from '@captchala/core'
import { createContext, type ReactNode } from 'react'

/** Options shared by every captcha below: the app key, loader hosts, nonce... */
export const CaptchaContext = createContext<Partial<CaptchaOptions>>({})

export function CaptchaProvider({
  children,
  ...options
}: Partial<CaptchaOptions> & { children?: ReactNode }) {
  return <CaptchaContext.Provider value={options}>{children}</CaptchaContext.Provider>
}
