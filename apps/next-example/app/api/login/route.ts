import { statusFor, verify } from '@captchala/server'
import { captchala } from '../../../lib/captchala'

/** JSON or a form post: `verify` reads `captchala_token` from a clone, so the body is still ours to read. */
export async function POST(request: Request): Promise<Response> {
  const result = await verify(captchala, request, { expectedAction: 'login' })
  if (!result.valid)
    return Response.json(
      { ok: false, error: result.error, category: result.category },
      { status: statusFor(result) },
    )
  const body = (await request.json().catch(() => ({}))) as { email?: unknown }
  const email = typeof body.email === 'string' ? body.email : 'friend'
  return Response.json({ ok: true, message: `Welcome back, ${email}.` })
}
