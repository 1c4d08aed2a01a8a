/** What a burst of submissions of one token got back. */
export interface StormOutcome {
  ok: number
  replayed: number
  unavailable: number
  server: number
}

/** `count` concurrent logins with one token, spread over the backends in turn. */
export async function storm(backends: string[], token: string, count = 300): Promise<StormOutcome> {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      fetch(`${backends[i % backends.length]}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.c', captchala_token: token }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: string } })),
    ),
  )
  return {
    ok: answers.filter((a) => a.status === 200).length,
    replayed: answers.filter(
      (a) => a.status === 403 && ['token_replayed', 'token_already_used'].includes(a.body.error ?? ''),
    ).length,
    unavailable: answers.filter((a) => a.status === 503 && a.body.error === 'replay_guard_unavailable')
      .length,
    server: answers.filter((a) => a.status >= 500 && a.body.error !== 'replay_guard_unavailable').length,
  }
}

/** One login with `token` at `backend`: its status and error code. */
export async function login(backend: string, token: string) {
  const res = await fetch(`${backend}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'a@b.c', captchala_token: token }),
  })
  return { status: res.status, error: ((await res.json()) as { error?: string }).error }
}
