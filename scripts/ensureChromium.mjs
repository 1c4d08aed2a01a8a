// Browser tests use Debian's Chromium (a browser download is not possible here). Installs it when missing;
// needs root, as on CI and the developers' machines.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (!existsSync('/usr/bin/chromium')) {
  console.log('ensureChromium: installing Debian chromium')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execSync('apt-get update -qq && apt-get install -y -qq chromium', { stdio: 'inherit', env })
}
