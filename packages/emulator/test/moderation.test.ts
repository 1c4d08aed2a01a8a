import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulator } from './client'

let emu: Awaited<ReturnType<typeof emulator>>
beforeAll(async () => {
  emu = await emulator()
})
afterAll(() => emu.close())

const none = { hate: false, harassment: false, sexual: false, violence: false, self_harm: false, spam: false }

describe('content moderation (the PHP and Go SDKs call these)', () => {
  it('POST /v1/moderation/text: a clean text passes, a test word flags its category', async () => {
    const clean = await emu.post('/v1/moderation/text', { text: 'Lovely write-up, thank you!' }, emu.creds())
    expect(clean).toMatchObject({
      status: 200,
      body: { code: 0, data: { flagged: false, categories: none, content_type: 'text' } },
    })
    const flagged = await emu.post(
      '/v1/moderation/text',
      { text: 'buy now TEST_FLAG_SPAM and test_flag_violence', user_id: 'u1' },
      emu.creds(),
    )
    expect(flagged.body.data).toMatchObject({
      flagged: true,
      categories: { ...none, spam: true, violence: true },
    })
  })

  it('POST /v1/moderation/check: text and image inputs, the content type of the mix', async () => {
    const image = { type: 'image_url', image_url: { url: 'https://cdn.example/test_flag_sexual.png' } }
    const text = { type: 'text', text: 'hello' }
    const check = (input: object[]) => emu.post('/v1/moderation/check', { input }, emu.creds())
    expect((await check([text])).body.data).toMatchObject({ flagged: false, content_type: 'text' })
    expect((await check([image])).body.data).toMatchObject({
      flagged: true,
      content_type: 'image',
      categories: { ...none, sexual: true },
    })
    expect((await check([text, image])).body.data.content_type).toBe('mixed')
  })

  it('credentials in the body work as in the headers; a wrong secret is a 200 envelope with its code', async () => {
    const inBody = await emu.post('/v1/moderation/text', {
      app_key: 'demo_app',
      app_secret: 'demo_secret',
      text: 'hi',
    })
    expect(inBody.body).toMatchObject({ code: 0, data: { flagged: false } })
    const wrong = await emu.post('/v1/moderation/text', { text: 'hi' }, emu.creds('demo_app', 'nope'))
    expect(wrong).toMatchObject({ status: 200, body: { code: 1, data: { error: 'invalid_app_secret' } } })
  })

  it('empty text or input: empty_text / empty_input; bad input: a 400 envelope', async () => {
    expect((await emu.post('/v1/moderation/text', { text: '  ' }, emu.creds())).body).toMatchObject({
      code: 1,
      data: { error: 'empty_text' },
    })
    expect((await emu.post('/v1/moderation/check', { input: [] }, emu.creds())).body).toMatchObject({
      code: 1,
      data: { error: 'empty_input' },
    })
    for (const body of [{ text: 42 }, { input: [{ type: 'video' }] }, { input: 'x' }, '{']) {
      const path = typeof body === 'object' && 'text' in body ? '/v1/moderation/text' : '/v1/moderation/check'
      const res = await emu.post(path, body, emu.creds())
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body).toMatchObject({ code: 1, data: { error: 'invalid_request' } })
    }
  })
})
