// @vitest-environment node
import { expect, it } from 'vitest'
import { startAppServer } from './appServer'

const EMULATOR = 'http://127.0.0.1:9'

it('starts the server with its port and the emulator`s URLs, and stops what the shell started', async () => {
  const script = `require('http').createServer((q, s) => s.end(JSON.stringify([process.env.PORT, process.env.CAPTCHALA_BASE_URL, process.env.CAPTCHALA_BACKUP_URL]))).listen(process.env.PORT, '127.0.0.1', () => console.log('listening'))`
  const server = await startAppServer({ command: `node -e "${script}"` }, EMULATOR)
  const seen = await (await fetch(server.url)).json()
  expect(seen).toEqual([new URL(server.url).port, EMULATOR, `${EMULATOR}/api/validate`])
  expect(server.printedSince(0)).toEqual(['listening'])
  expect(server.printedSince(server.linesPrinted())).toEqual([])
  await server.stop()
  await expect(fetch(server.url)).rejects.toThrow()
})

it('says what the server printed when it exits before answering', async () => {
  await expect(
    startAppServer({ command: `node -e "console.error('no CAPTCHALA_APP_KEY'); process.exit(1)"` }, EMULATOR),
  ).rejects.toThrow(/exited before it answered[\s\S]*no CAPTCHALA_APP_KEY/)
})
