/*! captchala-emulator loader: window.loadCaptchala(onLoaded, onError) fetches the SDK lazily. */
;(() => {
  const script = document.currentScript
  const BASE = script ? new URL(script.src).origin : location.origin
  const NONCE = script?.nonce || undefined
  let pending = null
  window.loadCaptchala = (onLoaded, onError) => {
    if (window.Captchala) return void onLoaded?.()
    pending ??= new Promise((resolve, reject) => {
      const tag = document.createElement('script')
      tag.src = `${BASE}/captchala.js`
      if (NONCE) tag.nonce = NONCE
      tag.onload = () =>
        window.Captchala ? resolve() : reject(new Error('captchala.js defined no Captchala'))
      tag.onerror = () => {
        tag.remove()
        pending = null
        reject(new Error('Failed to load captchala.js'))
      }
      document.head.appendChild(tag)
    })
    pending.then(
      () => onLoaded?.(),
      (error) => onError?.({ message: error.message }),
    )
  }
})()
