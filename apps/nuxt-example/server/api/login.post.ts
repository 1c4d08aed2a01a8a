// server/api/login.post.ts: verifyCaptcha and statusFor are auto-imported
export default defineEventHandler(async (event) => {
  const result = await verifyCaptcha(event, { expectedAction: 'login' })
  if (!result.valid) {
    // 403 when the token is refused; 503 when CaptchaLa could not be asked (try again later)
    setResponseStatus(event, statusFor(result))
    return { ok: false, error: result.error, category: result.category }
  }
  const body = await readBody<{ email?: unknown }>(event) // still readable after verifyCaptcha
  const email = typeof body?.email === 'string' ? body.email : 'friend'
  return { ok: true, message: `Welcome back, ${email}.` }
})
