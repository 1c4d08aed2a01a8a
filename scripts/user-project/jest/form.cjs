// The user's own form, without a framework: the core's controller on a plain <form>. Shared by the ESM and the
// CommonJS test through `require` / `import` of the same packages.
module.exports = function mountForm(core, send) {
  document.body.innerHTML =
    '<form><input name="email" value="a@b.c"><div id="captcha"></div><button>Go</button><p role="status"></p></form>'
  const form = document.querySelector('form')
  const status = document.querySelector('[role=status]')
  const captcha = core.createCaptcha({ appKey: 'test_app', action: 'login' })
  captcha.mount(document.getElementById('captcha'))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    captcha
      .withToken((captchala_token) => send({ email: 'a@b.c', captchala_token }))
      .then(() => {
        status.textContent = 'sent'
      })
      .catch((error) => {
        status.textContent = error instanceof core.CaptchaError ? error.message : 'failed'
      })
  })
  return { form, status, captcha }
}
