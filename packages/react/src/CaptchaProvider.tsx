import type { CaptchaOptions } from '@captchala/core'
import { createContext, type ReactNode } from 'react'

/** Options shared by every captcha below: the app key, loader hosts, nonce... */
export const CaptchaContext = createContext<Partial<CaptchaOptions> | undefined>(undefined)

export type CaptchaProviderProps = CaptchaOptions & { children?: ReactNode }

export function CaptchaProvider({ children, ...options }: CaptchaProviderProps) {
  return <CaptchaContext.Provider value={options}>{children}</CaptchaContext.Provider>
}
