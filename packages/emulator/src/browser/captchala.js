/*! captchala-emulator SDK: window.Captchala as CONTRACT.md section 1 describes it, for local use only. */
;(() => {
  if (window.Captchala) return
  const script = document.currentScript
  const BASE = script ? new URL(script.src).origin : location.origin
  const NONCE = script?.nonce || undefined
  const TIMEOUT_MS = 5000

  const I18N = {
    en: [
      'Click to verify',
      'Verifying…',
      'Verified',
      'Security check',
      'Slide the handle to {n}%',
      'Puzzle position',
      'Verify',
      'Close',
      'Verification refused',
      'Not quite, try again',
      'Verification failed',
    ],
    'zh-CN': [
      '点击进行验证',
      '验证中…',
      '验证成功',
      '安全验证',
      '将滑块拖到 {n}%',
      '拼图位置',
      '验证',
      '关闭',
      '验证被拒绝',
      '不太对，请再试一次',
      '验证失败',
    ],
    'zh-TW': [
      '點擊進行驗證',
      '驗證中…',
      '驗證成功',
      '安全驗證',
      '將滑塊拖到 {n}%',
      '拼圖位置',
      '驗證',
      '關閉',
      '驗證被拒絕',
      '不太對，請再試一次',
      '驗證失敗',
    ],
    ja: [
      'クリックして認証',
      '認証中…',
      '認証済み',
      'セキュリティ確認',
      'ハンドルを {n}% まで動かしてください',
      'パズルの位置',
      '認証する',
      '閉じる',
      '認証が拒否されました',
      'もう一度お試しください',
      '認証に失敗しました',
    ],
    ko: [
      '클릭하여 인증',
      '인증 중…',
      '인증 완료',
      '보안 확인',
      '핸들을 {n}%로 옮기세요',
      '퍼즐 위치',
      '인증',
      '닫기',
      '인증이 거부되었습니다',
      '다시 시도하세요',
      '인증 실패',
    ],
    ms: [
      'Klik untuk mengesahkan',
      'Mengesahkan…',
      'Disahkan',
      'Semakan keselamatan',
      'Gerakkan pemegang ke {n}%',
      'Kedudukan teka-teki',
      'Sahkan',
      'Tutup',
      'Pengesahan ditolak',
      'Belum tepat, cuba lagi',
      'Pengesahan gagal',
    ],
    vi: [
      'Nhấn để xác minh',
      'Đang xác minh…',
      'Đã xác minh',
      'Kiểm tra bảo mật',
      'Kéo tay cầm đến {n}%',
      'Vị trí câu đố',
      'Xác minh',
      'Đóng',
      'Xác minh bị từ chối',
      'Chưa đúng, hãy thử lại',
      'Xác minh thất bại',
    ],
    id: [
      'Klik untuk verifikasi',
      'Memverifikasi…',
      'Terverifikasi',
      'Pemeriksaan keamanan',
      'Geser pegangan ke {n}%',
      'Posisi teka-teki',
      'Verifikasi',
      'Tutup',
      'Verifikasi ditolak',
      'Belum tepat, coba lagi',
      'Verifikasi gagal',
    ],
  }
  const KEYS = [
    'prompt',
    'verifying',
    'verified',
    'title',
    'slide',
    'position',
    'submit',
    'close',
    'refused',
    'retry',
    'failed',
  ]

  function resolveLang(lang) {
    const wanted = !lang || lang === 'auto' ? navigator.language || 'en' : String(lang)
    if (I18N[wanted]) return wanted
    const lower = wanted.toLowerCase()
    if (lower.startsWith('zh')) return /tw|hk|mo|hant/.test(lower) ? 'zh-TW' : 'zh-CN'
    const base = lower.split('-')[0]
    return I18N[base] ? base : 'en'
  }

  function texts(lang) {
    const list = I18N[resolveLang(lang)]
    return Object.fromEntries(KEYS.map((k, i) => [k, list[i]]))
  }

  // Both forms the real SDK uses reach onError: "message (code)" strings and { message, code } objects.
  const asString = (message, code) => `${message} (${code})`
  const asObject = (message, code) => ({ message, code })

  async function api(path, body) {
    let response
    try {
      response = await fetch(BASE + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout ? AbortSignal.timeout(TIMEOUT_MS) : undefined,
      })
    } catch {
      return { unreachable: true }
    }
    if (response.status >= 500) return { unreachable: true }
    try {
      return await response.json()
    } catch {
      return { unreachable: true }
    }
  }

  // Proof of work: the first nonce whose SHA-256(salt + nonce) starts with `difficulty` zero bits.
  // Self-contained (it is also the source of the worker), and free of side effects. WebCrypto where the page
  // has it; a plain SHA-256 where it does not (a plain-http page of a non-local host has no crypto.subtle).
  function powSolver() {
    const zeroBits = (bytes) => {
      let bits = 0
      for (const byte of bytes) {
        if (byte !== 0) return bits + Math.clz32(byte) - 24
        bits += 8
      }
      return bits
    }
    // FIPS 180-4 SHA-256 of a byte array, for pages without WebCrypto.
    const K = Uint32Array.from(
      '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'
        .split(' ')
        .map((hex) => Number.parseInt(hex, 16)),
    )
    const rotr = (x, n) => (x >>> n) | (x << (32 - n))
    function sha256(message) {
      const length = message.length
      const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6)
      padded.set(message)
      padded[length] = 0x80
      new DataView(padded.buffer).setUint32(padded.length - 4, length * 8)
      const h = Uint32Array.of(
        0x6a09e667,
        0xbb67ae85,
        0x3c6ef372,
        0xa54ff53a,
        0x510e527f,
        0x9b05688c,
        0x1f83d9ab,
        0x5be0cd19,
      )
      const w = new Uint32Array(64)
      const view = new DataView(padded.buffer)
      for (let block = 0; block < padded.length; block += 64) {
        for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4)
        for (let i = 16; i < 64; i++) {
          const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3)
          const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10)
          w[i] = w[i - 16] + s0 + w[i - 7] + s1
        }
        let [a, b, c, d, e, f, g, hh] = h
        for (let i = 0; i < 64; i++) {
          const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]
          const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))
          hh = g
          g = f
          f = e
          e = (d + t1) >>> 0
          d = c
          c = b
          b = a
          a = (t1 + t2) >>> 0
        }
        h[0] += a
        h[1] += b
        h[2] += c
        h[3] += d
        h[4] += e
        h[5] += f
        h[6] += g
        h[7] += hh
      }
      const digest = new Uint8Array(32)
      const out = new DataView(digest.buffer)
      for (let i = 0; i < 8; i++) out.setUint32(i * 4, h[i])
      return digest
    }
    const subtle = globalThis.crypto?.subtle
    const digest = subtle
      ? async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes))
      : async (bytes) => sha256(bytes)
    const encoder = new TextEncoder()
    return async (salt, difficulty, limit = Number.POSITIVE_INFINITY) => {
      for (let base = 0; base < limit; base += 64) {
        const batch = Array.from({ length: 64 }, (_, i) => base + i)
        const hashes = await Promise.all(batch.map((n) => digest(encoder.encode(salt + n))))
        for (let i = 0; i < hashes.length; i++) {
          if (zeroBits(hashes[i]) >= difficulty) return { nonce: String(batch[i]) }
        }
      }
      return { hashes: limit }
    }
  }

  // In a Web Worker built from a Blob (a worker cannot be loaded from another origin). A CSP that allows
  // no blob: workers refuses it, and the same WebCrypto loop runs on the page instead.
  function runPow(salt, difficulty, limit) {
    const onPage = () => powSolver()(salt, difficulty, limit)
    return new Promise((resolve) => {
      let worker
      try {
        const source = `const solve = (${powSolver})(); self.onmessage = async (e) => self.postMessage(await solve(...e.data))`
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
        worker = new Worker(url)
        URL.revokeObjectURL(url)
      } catch {
        return resolve(onPage())
      }
      worker.onmessage = (event) => {
        worker.terminate()
        resolve(event.data)
      }
      worker.onerror = (event) => {
        event.preventDefault()
        worker.terminate()
        resolve(onPage())
      }
      worker.postMessage([salt, difficulty, limit])
    })
  }

  const el = (tag, className, attrs = {}) => {
    const node = document.createElement(tag)
    if (className) node.className = className
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
    return node
  }

  function ensureStylesheet() {
    if (document.querySelector('link[data-captchala]')) return
    const link = el('link', '', { rel: 'stylesheet', href: `${BASE}/captchala.css`, 'data-captchala': '' })
    if (NONCE) link.nonce = NONCE
    document.head.appendChild(link)
  }

  function applyTheme(root, theme) {
    root.classList.toggle('captchala-dark', theme === 'dark')
    root.classList.toggle('captchala-stereo', theme === 'stereoscopic')
    const custom = theme && typeof theme === 'object' ? theme.custom : undefined
    if (!custom) return
    // CSSOM, not a style attribute: allowed under a strict CSP.
    if (custom.color) root.style.setProperty('--captchala-accent', custom.color)
    if (custom.gradient) root.style.setProperty('--captchala-gradient', custom.gradient)
    if (custom.hover) root.style.setProperty('--captchala-hover', custom.hover)
    if (custom.radius != null)
      root.style.setProperty(
        '--captchala-radius',
        typeof custom.radius === 'number' ? `${custom.radius}px` : custom.radius,
      )
    const dark =
      custom.brightness === 'dark' ||
      (custom.brightness === 'system' && matchMedia('(prefers-color-scheme: dark)').matches)
    root.classList.toggle('captchala-dark', dark)
  }

  function init(options) {
    const opts = { product: 'popup', action: 'default', ...options }
    const handlers = {}
    let t = texts(opts.lang)
    let root = null
    let bound = null
    let overlay = null
    let prefetched = null
    let run = 0 // bumped by reset/destroy: a challenge of an older run reports nothing
    let busy = false
    let token = null
    let destroyed = false

    const emit = (name, arg) => handlers[name]?.(arg)

    const trigger = () => root?.querySelector('.captchala-trigger')
    function render(state, message) {
      if (!root) return
      root.dataset.state = state
      const button = trigger()
      if (!button) return
      const label = {
        idle: t.prompt,
        verifying: t.verifying,
        passed: t.verified,
        error: message || t.failed,
      }[state]
      button.querySelector('.captchala-label').textContent = label
      button.disabled = state === 'verifying'
      if (opts.product === 'embed') button.setAttribute('aria-checked', String(state === 'passed'))
      root.querySelector('.captchala-live').textContent = label
    }

    function closeOverlay() {
      overlay?.remove()
      overlay = null
    }

    function openPanel() {
      closeOverlay()
      const panel = el('div', 'captchala-panel', {
        role: 'dialog',
        'aria-modal': opts.product === 'float' ? 'false' : 'true',
        'aria-label': t.title,
      })
      const close = el('button', 'captchala-close', { type: 'button', 'aria-label': t.close })
      close.textContent = '×'
      close.addEventListener('click', () => {
        run++
        busy = false
        closeOverlay()
        render(token ? 'passed' : 'idle')
        emit('close')
      })
      panel.append(el('div', 'captchala-title'), close)
      panel.firstChild.textContent = t.title
      if (opts.product === 'float' && root) {
        overlay = panel
        panel.classList.add('captchala-floating')
        root.appendChild(panel)
      } else if (opts.product === 'embed' && root) {
        overlay = panel
        panel.classList.add('captchala-inline')
        root.appendChild(panel)
      } else {
        overlay = el('div', 'captchala-overlay')
        overlay.appendChild(panel)
        if (root?.classList.contains('captchala-dark')) overlay.classList.add('captchala-dark')
        document.body.appendChild(overlay)
      }
      return panel
    }

    // The medium tier: a slider the user moves to the asked position, by pointer or keyboard.
    function slide(target, hint) {
      return new Promise((resolve) => {
        const panel = openPanel()
        const id = `captchala-hint-${Math.random().toString(36).slice(2)}`
        const instruction = el('p', 'captchala-instruction', { id })
        instruction.textContent = (hint ? `${hint}. ` : '') + t.slide.replace('{n}', target)
        const track = el('div', 'captchala-track')
        const mark = el('div', 'captchala-target', { 'aria-hidden': 'true' })
        mark.style.left = `${target}%`
        const handle = el('div', 'captchala-handle', {
          role: 'slider',
          tabindex: '0',
          'aria-valuemin': '0',
          'aria-valuemax': '100',
          'aria-valuenow': '0',
          'aria-label': t.position,
          'aria-describedby': id,
        })
        const submit = el('button', 'captchala-submit', { type: 'button' })
        submit.textContent = t.submit
        let value = 0
        const set = (v) => {
          value = Math.max(0, Math.min(100, Math.round(v)))
          handle.style.left = `${value}%`
          handle.setAttribute('aria-valuenow', String(value))
          handle.setAttribute('aria-valuetext', `${value}%`)
        }
        const fromPointer = (event) => {
          const box = track.getBoundingClientRect()
          set(((event.clientX - box.left) / box.width) * 100)
        }
        handle.addEventListener('pointerdown', (event) => {
          handle.setPointerCapture?.(event.pointerId)
          handle.onpointermove = fromPointer
        })
        handle.addEventListener('pointerup', () => {
          handle.onpointermove = null
          resolve(value)
        })
        handle.addEventListener('keydown', (event) => {
          const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[
            event.key
          ]
          if (step) set(value + step)
          else if (event.key === 'Home') set(0)
          else if (event.key === 'End') set(100)
          else if (event.key === 'Enter') resolve(value)
          else return
          event.preventDefault()
        })
        submit.addEventListener('click', () => resolve(value))
        track.append(mark, handle)
        panel.append(instruction, track, submit)
        set(0)
        handle.focus()
      })
    }

    function succeed(mine, res) {
      if (mine !== run) return
      busy = false
      token = res.token
      closeOverlay()
      render('passed')
      emit('success', res)
    }

    function fail(mine, message, code, form = asObject) {
      if (mine !== run) return
      busy = false
      closeOverlay()
      render('error', message)
      emit('error', form(message, code))
    }

    async function fetchChallenge() {
      let answer = await api('/v1/sdk/challenge', {
        app_key: opts.appKey,
        action: opts.action,
        server_token: opts.serverToken,
        lang: opts.lang,
      })
      // An expired sct_ is renewed once through the site's backend, as the contract describes.
      if (answer.data?.error === 'server_token_expired' && opts.onServerTokenExpired) {
        const fresh = await opts.onServerTokenExpired()
        if (fresh) {
          opts.serverToken = fresh
          answer = await api('/v1/sdk/challenge', {
            app_key: opts.appKey,
            action: opts.action,
            server_token: fresh,
            lang: opts.lang,
          })
        }
      }
      return { answer, at: Date.now() }
    }

    // Main API unreachable: the backup's bypass worker issues offline_; both down: a client-only token.
    async function fallback(mine) {
      const bypass = await api('/bypass/issue', { app_key: opts.appKey, action: opts.action })
      if (bypass.code === 0)
        return succeed(mine, { ...bypass.data, challengeId: bypass.data.challenge_id, isOffline: true })
      const random = crypto.getRandomValues(new Uint8Array(18))
      const clientToken = `client_${btoa(String.fromCharCode(...random)).replace(/[+/=]/g, '')}`
      succeed(mine, { token: clientToken, action: opts.action, ttl: 300, isClientOnly: true })
    }

    // Every challenge ends in onSuccess, onError or onClose: whatever throws inside one (a solver that
    // cannot run, a script error) is reported with a code, never left on "Verifying…".
    async function start() {
      if (busy || destroyed) return
      busy = true
      const mine = ++run
      token = null
      render('verifying')
      try {
        await runChallenge(mine)
      } catch (error) {
        fail(mine, t.failed, 'challenge_failed')
        console.error('captchala-emulator: the challenge failed', error)
      }
    }

    async function runChallenge(mine) {
      let hint = ''
      for (;;) {
        const fresh = prefetched && Date.now() - prefetched.at < 100_000 ? prefetched : await fetchChallenge()
        prefetched = null
        if (mine !== run) return
        const { answer } = fresh
        if (answer.unreachable) return fallback(mine)
        if (answer.code !== 0) {
          const code = answer.data?.error || 'unknown_error'
          return code === 'risk_rejected'
            ? fail(mine, t.refused, code, asString)
            : fail(mine, answer.msg || t.failed, code)
        }
        const challenge = answer.data
        if (challenge.tier === 'degraded')
          return succeed(mine, { token: challenge.token, action: opts.action, ttl: challenge.ttl })
        let solution
        if (challenge.tier === 'low') {
          // Invisible for bind; the visible products show the spinner of their trigger meanwhile.
          solution = await runPow(challenge.pow.salt, challenge.pow.difficulty)
        } else {
          solution = { position: await slide(challenge.slide.target, hint) }
        }
        if (mine !== run) return
        const result = await api('/v1/sdk/answer', { challenge_id: challenge.challenge_id, ...solution })
        if (mine !== run) return
        if (result.unreachable) return fallback(mine)
        if (result.code === 0) {
          const { token: passToken, ttl, challenge_id, action } = result.data
          return succeed(mine, { token: passToken, challengeId: challenge_id, action, ttl })
        }
        if (result.data?.error !== 'invalid_answer')
          return fail(mine, result.msg, result.data?.error || 'unknown_error', asString)
        hint = t.retry
      }
    }

    async function prefetch() {
      prefetched = await fetchChallenge()
      if (!destroyed) emit('ready')
    }

    // The bound button's click is held until the challenge passes, as CaptchaLa's SDK does (WordPress's
    // bootstrap relies on it): the form is not sent without a token. With a token, the click goes through.
    const onBoundClick = (event) => {
      if (token) return
      event.preventDefault()
      start()
    }

    const instance = {
      appendTo(target) {
        const host = typeof target === 'string' ? document.querySelector(target) : target
        if (!host) throw new Error(`Captchala: no element for ${target}`)
        ensureStylesheet()
        root = el('div', `captchala captchala-${opts.product}`, { role: 'group', 'aria-label': t.title })
        const button = el(
          'button',
          'captchala-trigger',
          opts.product === 'embed'
            ? { type: 'button', role: 'checkbox', 'aria-checked': 'false' }
            : { type: 'button' },
        )
        button.append(el('span', 'captchala-icon', { 'aria-hidden': 'true' }), el('span', 'captchala-label'))
        button.addEventListener('click', () => start())
        root.append(button, el('span', 'captchala-live', { 'aria-live': 'polite' }))
        applyTheme(root, opts.theme)
        host.appendChild(root)
        render('idle')
        prefetch()
        return instance
      },
      bindTo(target) {
        bound = typeof target === 'string' ? document.querySelector(target) : target
        if (!bound) throw new Error(`Captchala: no element for ${target}`)
        ensureStylesheet()
        // The app's own click handlers run too; only the click's default action (the submission) is held.
        bound.addEventListener('click', onBoundClick)
        prefetch()
        return instance
      },
      verify() {
        start()
      },
      showCaptcha() {
        start()
      },
      reset() {
        run++
        busy = false
        token = null
        closeOverlay()
        render('idle')
      },
      destroy() {
        destroyed = true
        run++
        closeOverlay()
        root?.remove()
        root = null
        bound?.removeEventListener('click', onBoundClick)
        bound = null
      },
      setLang(lang) {
        opts.lang = lang
        t = texts(lang)
        if (root) {
          root.setAttribute('aria-label', t.title)
          render(root.dataset.state || 'idle')
        }
      },
    }
    // onSuccess, onError, onClose, onReady: each keeps its callback and returns the instance, to chain.
    for (const name of ['success', 'error', 'close', 'ready']) {
      const method = `on${name[0].toUpperCase()}${name.slice(1)}`
      instance[method] = (cb) => {
        handlers[name] = cb
        return instance
      }
      // The integration snippet CaptchaLa's demo pages print passes the callbacks as init options.
      if (typeof opts[method] === 'function') handlers[name] = opts[method]
    }
    // ...and where to mount: `container` as appendTo, `bindTo` as bindTo (a popup bound to a button, too).
    if (opts.container) instance.appendTo(opts.container)
    if (opts.bindTo) instance.bindTo(opts.bindTo)
    return instance
  }

  /** Emulator only: SHA-256 hashes a second of the solver in this browser, for the benchmark. */
  async function benchmark(hashes = 20000) {
    const started = performance.now()
    await runPow('bench', 256, hashes)
    return (hashes / (performance.now() - started)) * 1000
  }

  window.Captchala = { init, version: 'emulator', benchmark }
})()
