// A multipart form: verifyCaptcha reads the token's part, and readMultipartFormData still has every part.
export default defineEventHandler(async (event) => {
  const result = await verifyCaptcha(event, { expectedAction: 'subscribe' })
  if (!result.valid) {
    setResponseStatus(event, statusFor(result))
    return { ok: false, error: result.error, category: result.category }
  }
  const email = (await readMultipartFormData(event))
    ?.find((part) => part.name === 'email')
    ?.data.toString('utf8')
  return { ok: true, message: `Subscribed ${email ?? 'you'}.` }
})
