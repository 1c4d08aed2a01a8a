// Compiles as a user's strict project would (exactOptionalPropertyTypes), against the built package.
import { Captcha, type CaptchaHandle, CaptchaProvider, useCaptcha } from '@captchala/react'
import { useRef } from 'react'

export function Login(props: { lang?: string | undefined; appKey?: string | undefined }) {
  const handle = useRef<CaptchaHandle>(null)
  const { elementRef, status, tokenType, expiresAt } = useCaptcha({ appKey: props.appKey, lang: props.lang })
  const sent: Promise<number | undefined> | undefined = handle.current?.withToken(
    async (token: string) => token.length,
  )
  void sent
  return (
    <CaptchaProvider appKey="k" lang={props.lang} loader={{ nonce: undefined }}>
      <Captcha
        ref={handle}
        lang={props.lang}
        action={undefined}
        onPass={undefined}
        inputName={undefined}
        className={undefined}
        renderFailure={undefined}
      />
      <button type="button" ref={elementRef} data-status={status} data-type={tokenType ?? ''}>
        {expiresAt}
      </button>
    </CaptchaProvider>
  )
}

// Shared options are partial: the key may come with each captcha instead.
export const keyPerCaptcha = <CaptchaProvider lang="en" />
