'use server'
import { verify } from '@captchala/server'
import { captchala } from '../lib/captchala'

export interface SubscribeState {
  ok: boolean
  message: string
  /** a refusal's code and cause, which the form turns into the visitor's words (`visitorMessage`) */
  error?: string | null
  category?: string | null
}

/** The form's own FormData carries the token (`captchala_token`, from `<Captcha>`'s hidden input). */
export async function subscribe(_previous: SubscribeState, formData: FormData): Promise<SubscribeState> {
  const result = await verify(captchala, formData, { expectedAction: 'subscribe' })
  if (!result.valid) return { ok: false, message: '', error: result.error, category: result.category }
  return { ok: true, message: `Subscribed ${String(formData.get('email'))}.` }
}
