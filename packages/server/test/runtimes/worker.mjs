// Cloudflare Workers (workerd): the check answers the first request, the emulator's URL a binding.
import { check } from './check.mjs'

export default {
  async fetch(_request, env) {
    return Response.json(await check(env.EMULATOR_URL))
  },
}
