// The pnpm that runs this script (`pnpm start`, `pnpm test`), so no second download; npx only when run another way.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by the package manager, not a turbo task input
const execpath = process.env.npm_execpath
export const pnpmCommand = execpath?.includes('pnpm')
  ? [process.execPath, execpath]
  : ['npx', '-y', 'pnpm@10.34.9']
