import type { NextConfig } from 'next'

// Next.js finds the workspace root (pnpm-lock.yaml, two folders up) by itself: packages resolve through it.
const config: NextConfig = {}

export default config
