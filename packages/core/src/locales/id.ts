// From the package itself, not a relative path: the language registers in the one registry of the page's
// @captchala/core (ESM or CommonJS alike), not in a copy bundled into this entry.
import { registerLocale } from '@captchala/core'

registerLocale('id', {
  token: 'Verifikasi ini sudah kedaluwarsa atau sudah digunakan. Silakan verifikasi lagi.',
  config: 'Verifikasi tidak tersedia di halaman ini saat ini. Silakan coba lagi nanti.',
  loading: 'Verifikasi tidak dapat dimuat. Periksa koneksi atau pemblokir konten Anda, lalu coba lagi.',
  request: 'Verifikasi tidak dapat diselesaikan. Silakan coba lagi sebentar lagi.',
  upstream: 'Layanan verifikasi tidak merespons. Silakan coba lagi sebentar lagi.',
  visitor: 'Verifikasi tidak berhasil. Silakan coba lagi.',
  policy: 'Verifikasi sedang dibatasi. Silakan coba lagi dalam beberapa menit.',
  expired: 'Verifikasi Anda telah kedaluwarsa. Silakan verifikasi ulang.',
  waiting: 'Memuat verifikasi…',
  retry: 'Coba lagi',
})
