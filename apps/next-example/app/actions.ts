'use server'
import { verify } from '@captchala/server'
import { captchala } from '../lib/captchala'

export interface SubscribeState {
  ok: boolean
  message: string
}

/** The form's own FormData carries the token (`captchala_token`, from `<Captcha>`'s hidden input). */
export async function subscribe(_previous: SubscribeState, formData: FormData): Promise<SubscribeState> {
  const result = await verify(captchala, formData, { expectedAction: 'subscribe' })
  if (!result.valid) return { ok: false, message: `Refused: ${result.error}` }
  return { ok: true, message: `Subscribed ${String(formData.get('email'))}.` }
}
