/** One line per verdict, as the reference backend logs them (the end-to-end test counts them). */
export function logVerdict(action: string, result: Awaited<ReturnType<typeof verifyCaptcha>>) {
  const { valid, error, tokenType } = result
  console.log(JSON.stringify({ event: 'captcha_verification', action, valid, error, tokenType }))
}
