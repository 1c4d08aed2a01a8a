import { type CaptchaOptions, optionsChanged } from '@captchala/core'
import { createContext, type ReactNode, useState } from 'react'

/** Options shared by every captcha below: the app key, loader hosts, nonce... */
export const CaptchaContext = createContext<Partial<CaptchaOptions> | undefined>(undefined)

/** Any subset of the options: an app may give `appKey` on each captcha instead (none anywhere: `missing_app_key`). */
export type CaptchaProviderProps = Partial<CaptchaOptions> & { children?: ReactNode }

export function CaptchaProvider({ children, ...options }: CaptchaProviderProps) {
  // The same object while the options are the same, so a parent's render does not render every captcha.
  const [shared, setShared] = useState(options)
  const current = optionsChanged(shared, options) ? options : shared
  if (current !== shared) setShared(current)
  return <CaptchaContext.Provider value={current}>{children}</CaptchaContext.Provider>
}
