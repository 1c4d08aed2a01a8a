// From the package itself, not a relative path: the language registers in the one registry of the page's
// @captchala/core (ESM or CommonJS alike), not in a copy bundled into this entry.
import { registerLocale } from '@captchala/core'

registerLocale('ms', {
  token: 'Pengesahan ini telah tamat tempoh atau sudah digunakan. Sila sahkan semula.',
  config: 'Pengesahan tidak tersedia di halaman ini buat masa ini. Sila cuba lagi kemudian.',
  loading:
    'Pengesahan tidak dapat dimuatkan. Semak sambungan atau penyekat kandungan anda, kemudian cuba lagi.',
  request: 'Pengesahan tidak dapat diselesaikan. Sila cuba lagi sebentar lagi.',
  upstream: 'Perkhidmatan pengesahan tidak menjawab. Sila cuba lagi sebentar lagi.',
  visitor: 'Pengesahan tidak berjaya. Sila cuba lagi.',
  policy: 'Pengesahan terhad buat masa ini. Sila cuba lagi dalam beberapa minit.',
  expired: 'Pengesahan anda telah tamat tempoh. Sila sahkan semula.',
  waiting: 'Memuatkan pengesahan…',
  retry: 'Cuba lagi',
})
