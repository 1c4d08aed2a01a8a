// Bun and Deno: run as a script, the emulator's URL in the environment, the answer on stdout.
import { check } from './check.mjs'

const emulatorUrl = globalThis.Deno ? Deno.env.get('EMULATOR_URL') : process.env.EMULATOR_URL
console.log(JSON.stringify(await check(emulatorUrl)))
