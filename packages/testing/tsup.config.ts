import { tsupConfig } from '../../scripts/tsupConfig'

// Two entries: the fakes (no dependencies), and the Playwright fixtures, whose @playwright/test and
// @captchala/emulator are optional peer dependencies that only `@captchala/testing/playwright` imports.
export default tsupConfig({ entry: { index: 'src/index.ts', playwright: 'src/playwright/index.ts' } })
