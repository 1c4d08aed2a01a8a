// What the tests need from Debian (a browser download is not possible here): Chromium for browser tests,
// redis-server for the multi-instance tests, CJK fonts so the galleries' screenshots show zh/ja/ko text. Installs whatever is missing; needs root, as CI and the
// developers' machines have.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const needed = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/redis-server', 'redis-server'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'fonts-noto-cjk'],
].filter(([path]) => !existsSync(path))

if (needed.length) {
  const packages = needed.map(([, name]) => name).join(' ')
  console.log(`ensureSystemPackages: installing ${packages} from Debian`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execSync(`apt-get update -qq && apt-get install -y -qq ${packages}`, { stdio: 'inherit', env })
}
