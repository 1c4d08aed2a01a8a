import { fileURLToPath } from 'node:url'
import { describeGallery } from '@captchala/gallery/e2e'

// The built app (turbo builds it before this test), served by the reference backend as in production.
describeGallery('vue', fileURLToPath(new URL('../dist', import.meta.url)))
